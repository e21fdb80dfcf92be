package dev.herald.device;

import dev.herald.testinfra.ConfigurationChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @ConfigurationProperties} record of the device gateway is validated: the
 * defaults pass, a bad value stops start-up with a message naming the property and the
 * rule, and the jar carries the configuration metadata the processor writes.
 */
class ConfigurationValidationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(AllProperties.class);

	@Test
	void theDefaultsAreValid() {
		this.contexts.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			herald.device.release-batch=0 | herald.device | releaseBatch | must be greater than 0
			herald.device.topic-prefix= | herald.device | topicPrefix | must not be blank
			herald.device.mqtt.keep-alive=0s | herald.device.mqtt | keepAlive | must be a duration longer than zero
			""")
	void aBadValueFailsStartUpNamingTheProperty(String setting, String prefix, String field, String reason) {
		ConfigurationChecks.assertStartUpFails(this.contexts, setting, prefix, field, reason);
	}

	@Test
	void theMetadataDescribesTheProperties() {
		assertThat(ConfigurationChecks.metadata()).contains("\"herald.device.mqtt.keep-alive\"");
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan
	static class AllProperties {

	}

}
