package dev.herald.devstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeraldServicesTests {

	@Test
	void whatTheCallerGivesWinsOverTheDevStacksDefaultsForAService() {
		Map<String, String> environment = HeraldServices.environment(Map.of("MALLOC_ARENA_MAX", "2"),
				Map.of("HERALD_DIGEST_SCHEDULER_IMMEDIATEDELAY", "20s", "HERALD_SMTP_PORT", "3025"),
				Map.of("HERALD_DIGEST_SCHEDULER_IMMEDIATEDELAY", "2s", "HERALD_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));

		assertThat(environment).containsExactlyInAnyOrderEntriesOf(
				Map.of("MALLOC_ARENA_MAX", "2", "HERALD_DIGEST_SCHEDULER_IMMEDIATEDELAY", "2s", "HERALD_SMTP_PORT",
						"3025", "HERALD_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
	}

}
