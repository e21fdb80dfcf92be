package dev.herald.webpush;

import dev.herald.testinfra.ConfigurationChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @ConfigurationProperties} record of web-push is validated: the defaults
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
					herald.webpush.max-subscriptions-per-user=0 | herald.webpush | maxSubscriptionsPerUser | must be greater than 0
					herald.webpush.subject=webpush@example.com | herald.webpush | subject | must be a mailto: or https: contact
					herald.webpush.ttl=0s | herald.webpush | ttl | must be a duration longer than zero
					herald.webpush.allowed-hosts= | herald.webpush | allowedHosts | must not be empty
					""")
	void aBadValueFailsStartUpNamingTheProperty(String setting, String prefix, String field, String reason) {
		ConfigurationChecks.assertStartUpFails(this.contexts, setting, prefix, field, reason);
	}

	@Test
	void theMetadataDescribesTheProperties() {
		assertThat(ConfigurationChecks.metadata()).contains("\"herald.webpush.max-retry-after\"");
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan
	static class AllProperties {

	}

}
