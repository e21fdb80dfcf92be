package dev.herald.store.web;

import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness is PostgreSQL, which every API reads; Kafka is not in it, since the
 * pipeline's lag and the outbox wait an outage out (docs/operations.md, Readiness).
 */
class ReadinessTests extends StoreIntegrationTest {

	ReadinessTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void readinessIsTheDatabase() {
		Http.Response answer = Http.anonymous(this.port).get("/actuator/health/readiness");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db");
	}

}
