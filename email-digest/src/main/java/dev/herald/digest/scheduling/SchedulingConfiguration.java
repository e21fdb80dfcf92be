package dev.herald.digest.scheduling;

import dev.herald.digest.DigestProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The slot calculator, configured with the IMMEDIATE delay.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	@Bean
	Slots slots(DigestProperties properties) {
		return new Slots(properties.scheduler().immediateDelay());
	}

}
