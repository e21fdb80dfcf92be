package dev.herald.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The service's clock follows the system clock, shifted by
 * {@code herald.digest.clock-offset}.
 */
class DigestConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, DigestConfiguration.class);

	@Test
	void theClockIsTheSystemClockByDefault() {
		this.contexts.run((context) -> assertThat(context.getBean(Clock.class).instant()).isCloseTo(Instant.now(),
				within(Duration.ofSeconds(5))));
	}

	@Test
	void aClockOffsetMovesTheClockAhead() {
		this.contexts.withPropertyValues("herald.digest.clock-offset=2h")
			.run((context) -> assertThat(context.getBean(Clock.class).instant())
				.isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(Duration.ofSeconds(5))));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DigestProperties.class)
	static class Properties {

	}

}
