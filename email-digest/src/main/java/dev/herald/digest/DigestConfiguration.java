package dev.herald.digest;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every schedule decision reads: the system clock shifted by
 * {@code herald.digest.clock-offset} (zero unless a demo or an end-to-end test moves it);
 * integration tests replace it to move time.
 */
@Configuration(proxyBeanMethods = false)
class DigestConfiguration {

	@Bean
	Clock clock(DigestProperties properties) {
		return Clock.offset(Clock.systemUTC(), properties.clockOffset());
	}

}
