package dev.herald.digest;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and metrics are served without a token, with the digest's own meters.
 */
class OperationsEndpointsTests extends DigestServiceTest {

	@Value("${local.server.port}")
	int port;

	@Test
	void healthIsUpWithDatabaseSmtpAndScheduler() {
		ResponseEntity<String> health = get("/actuator/health");
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void readinessIsTheDatabaseOnly() {
		// an SMTP outage is waited out in the pending table: mail and the scheduler alert
		// through /actuator/health, they do not take the pod out of its Service
		JsonNode readiness = JsonMapper.shared().readTree(get("/actuator/health/readiness").getBody());
		assertThat(readiness.get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db");
	}

	@Test
	void prometheusShowsTheDigestMeters() {
		String metrics = get("/actuator/prometheus").getBody();
		assertThat(metrics).contains("herald_digest_retries_total")
			.contains("herald_digest_pending_users")
			.contains("resilience4j_retry_calls");
	}

	@Test
	void theOpenApiDescriptionOfTheAdminApiIsOpen() {
		ResponseEntity<String> api = get("/v3/api-docs");
		assertThat(api.getStatusCode().value()).isEqualTo(200);
		assertThat(api.getBody()).contains("\"/v1/admin/email-log\"")
			.contains("Herald email-digest")
			.contains("\"403\"", "application/problem+json", "#/components/schemas/Problem");
	}

	private ResponseEntity<String> get(String path) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

}
