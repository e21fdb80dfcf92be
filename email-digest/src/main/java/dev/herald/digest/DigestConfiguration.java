package dev.herald.digest;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every schedule decision reads; tests replace it to move time.
 */
@Configuration(proxyBeanMethods = false)
class DigestConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
