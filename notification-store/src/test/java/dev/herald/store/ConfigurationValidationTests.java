package dev.herald.store;

import dev.herald.testinfra.ConfigurationChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @ConfigurationProperties} record of the store is validated: the defaults
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
					herald.store.pipeline.concurrency=0 | herald.store.pipeline | concurrency | must be greater than 0
					herald.store.relay.batch-size=0 | herald.store.relay | batchSize | must be greater than 0
					herald.store.relay.safety-poll=0s | herald.store.relay | safetyPoll | must be a duration longer than zero
					herald.store.retention.interval=0s | herald.store.retention | interval | must be a duration longer than zero
					herald.store.broadcasts.max-user-ids=0 | herald.store.broadcasts | maxUserIds | must be greater than 0
					herald.store.preferences.cache-size=-1 | herald.store.preferences | cacheSize | must be greater than or equal to 0
					herald.store.unsubscribe.secret=short | herald.store.unsubscribe | secret | size must be between 32
					herald.store.allowed-origins[0]= | herald.store | allowedOrigins[0] | must not be blank
					""")
	void aBadValueFailsStartUpNamingTheProperty(String setting, String prefix, String field, String reason) {
		ConfigurationChecks.assertStartUpFails(this.contexts, setting, prefix, field, reason);
	}

	@Test
	void theMetadataDescribesTheProperties() {
		assertThat(ConfigurationChecks.metadata()).contains("\"herald.store.relay.batch-size\"");
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan
	static class AllProperties {

	}

}
