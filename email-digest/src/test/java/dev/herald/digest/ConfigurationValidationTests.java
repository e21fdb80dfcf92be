package dev.herald.digest;

import dev.herald.testinfra.ConfigurationChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @ConfigurationProperties} record of the digest is validated: the defaults
 * pass, a bad value stops start-up with a message naming the property and the rule, and
 * the jar carries the configuration metadata the processor writes.
 */
class ConfigurationValidationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(AllProperties.class);

	@Test
	void theDefaultsAreValid() {
		this.contexts.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					herald.digest.top-items=0 | herald.digest | topItems | must be greater than or equal to 1
					herald.digest.scheduler.interval=0s | herald.digest | scheduler.interval | must be a duration longer than zero
					herald.digest.defaults.send-hour=24 | herald.digest | defaults.sendHour | must be less than or equal to 23
					""")
	void aBadValueFailsStartUpNamingTheProperty(String setting, String prefix, String field, String reason) {
		ConfigurationChecks.assertStartUpFails(this.contexts, setting, prefix, field, reason);
	}

	@Test
	void theMetadataDescribesTheProperties() {
		assertThat(ConfigurationChecks.metadata()).contains("\"herald.digest.scheduler.interval\"");
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan
	static class AllProperties {

	}

}
