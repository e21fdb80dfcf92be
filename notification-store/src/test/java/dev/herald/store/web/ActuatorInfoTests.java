package dev.herald.store.web;

import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/info} names what runs: the build's artifact, version and time (the
 * services' builds write {@code build-info.properties}).
 */
class ActuatorInfoTests extends StoreIntegrationTest {

	ActuatorInfoTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void infoNamesTheBuild() {
		Http.Response answer = Http.anonymous(this.port).get("/actuator/info");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode build = answer.body().get("build");
		assertThat(build.get("artifact").asString()).isEqualTo("notification-store");
		assertThat(build.get("version").asString()).isNotBlank();
		assertThat(build.get("time").asString()).isNotBlank();
	}

}
