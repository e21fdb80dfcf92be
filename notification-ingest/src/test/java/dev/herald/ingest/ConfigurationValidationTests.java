package dev.herald.ingest;

import dev.herald.testinfra.ConfigurationChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @ConfigurationProperties} record of the ingest is validated: the defaults
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
	@CsvSource(delimiter = '|', textBlock = """
			herald.ingest.max-batch-size=0 | herald.ingest | maxBatchSize | must be greater than 0
			herald.ingest.publish-timeout=0s | herald.ingest | publishTimeout | must be a duration longer than zero
			herald.ingest.dedup.retention=0s | herald.ingest | dedup.retention | must be a duration longer than zero
			herald.ingest.in-flight.max-requests=-1 | herald.ingest | inFlight.maxRequests | must be greater than 0
			""")
	void aBadValueFailsStartUpNamingTheProperty(String setting, String prefix, String field, String reason) {
		ConfigurationChecks.assertStartUpFails(this.contexts, setting, prefix, field, reason);
	}

	@Test
	void theMetadataDescribesTheProperties() {
		assertThat(ConfigurationChecks.metadata()).contains("\"herald.ingest.max-batch-size\"");
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan
	static class AllProperties {

	}

}
