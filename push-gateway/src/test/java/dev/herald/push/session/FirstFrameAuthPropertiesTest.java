package dev.herald.push.session;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad {@code herald.push.auth.*} value stops the start, naming the property. */
class FirstFrameAuthPropertiesTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Binding.class);

	@ParameterizedTest
	@CsvSource({ "herald.push.auth.timeout=0s, herald.push.auth.timeout must be positive",
			"herald.push.auth.timeout=-1s, herald.push.auth.timeout must be positive",
			"herald.push.auth.max-waiting=0, herald.push.auth.max-waiting must be at least 1" })
	void refusesToStartWith(String property, String message) {
		this.context.withPropertyValues(property)
			.run((started) -> assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining(message));
	}

	@ParameterizedTest
	@CsvSource({ "herald.push.auth.timeout=10s, PT10S" })
	void bindsAGoodValueAndDefaultsTheOthers(String property, Duration timeout) {
		this.context.withPropertyValues(property).run((started) -> {
			FirstFrameAuthProperties properties = started.getBean(FirstFrameAuthProperties.class);
			assertThat(properties.timeout()).isEqualTo(timeout);
			assertThat(properties.maxWaiting()).isEqualTo(1000);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FirstFrameAuthProperties.class)
	static class Binding {

	}

}
