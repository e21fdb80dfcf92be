package dev.herald.ingest.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.herald.ingest.IngestHttpTest;
import dev.herald.support.security.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class SecurityTests extends IngestHttpTest {

	static Stream<Arguments> badTokens() {
		return Stream.of(argumentSet("no token", (Bad) (tokens) -> null, 401),
				argumentSet("expired",
						(Bad) (tokens) -> tokens.mint("svc", List.of(DevTokens.SCOPE_EVENTS_WRITE),
								Instant.now().minusSeconds(600), "herald"),
						401),
				argumentSet("wrong signature",
						(Bad) (tokens) -> new DevTokens("another-secret-that-is-long-enough-0123456789", "herald-dev",
								"herald")
							.service("svc", DevTokens.SCOPE_EVENTS_WRITE),
						401),
				argumentSet("alg none", (Bad) SecurityTests::unsigned, 401),
				argumentSet("wrong audience",
						(Bad) (tokens) -> tokens.mint("svc", List.of(DevTokens.SCOPE_EVENTS_WRITE),
								Instant.now().plusSeconds(600), "another-audience"),
						401),
				argumentSet("wrong issuer",
						(Bad) (tokens) -> new DevTokens("herald-dev-secret-change-me-0123456789abcdef", "someone-else",
								"herald")
							.service("svc", DevTokens.SCOPE_EVENTS_WRITE),
						401),
				argumentSet("garbage", (Bad) (tokens) -> "not.a.jwt", 401),
				argumentSet("user token without scope", (Bad) (tokens) -> tokens.user("u1"), 403),
				argumentSet("admin scope only", (Bad) (tokens) -> tokens.service("svc", DevTokens.SCOPE_ADMIN), 403));
	}

	@ParameterizedTest
	@MethodSource("badTokens")
	void badTokenIsRefused(Bad token, int status) {
		byte[] event = JSON.writeValueAsBytes(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		assertThat(postBytes("/v1/events", event, token.of(this.tokens)).statusCode()).isEqualTo(status);
		assertThat(postBytes("/v1/events:batch", event, token.of(this.tokens)).statusCode()).isEqualTo(status);
	}

	/** Signed right, for the right issuer and audience, with the scope: still refused. */
	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void aTokenWithoutSubjectOrExpiryOrWithTooLongALifeIsRefusedEverywhere(DevTokens.Flaw flaw) {
		String token = this.tokens.flawed(flaw, "svc", DevTokens.SCOPE_EVENTS_WRITE);
		byte[] event = JSON.writeValueAsBytes(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		for (var response : List.of(postBytes("/v1/events", event, token),
				postBytes("/v1/events:batch", JSON.writeValueAsBytes(Map.of("events", List.of())), token),
				send("PUT", "/v1/users/u-1/contact", "{}", token, Map.of()),
				send("DELETE", "/v1/users/u-1", null, token, Map.of()))) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).contains("invalid_token"));
		}
	}

	@Test
	void everyRefusalIsAProblem() {
		String token = this.tokens.service("svc", DevTokens.SCOPE_EVENTS_WRITE);
		assertProblem(send("GET", "/v1/events", null, null, Map.of()), 401);
		assertProblem(send("POST", "/v1/events", "{}", this.tokens.user("u1"), Map.of()), 403);
		assertProblem(send("GET", "/v1/events", null, token, Map.of()), 405);
		assertProblem(send("GET", "/v1/nothing-here", null, token, Map.of()), 404);
		assertProblem(send("GET", "/nothing-here", null, token, Map.of()), 403);
		assertProblem(send("POST", "/v1/events", "hello", token, Map.of("Content-Type", "text/plain")), 415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "garbage", "http://" })
	void anOriginThatIsNotOneIsRefused(String origin) {
		byte[] event = JSON.writeValueAsBytes(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		var response = send("POST", "/v1/events", new String(event, StandardCharsets.UTF_8),
				this.tokens.service("svc", DevTokens.SCOPE_EVENTS_WRITE), Map.of("Origin", origin));
		assertProblem(response, 403);
	}

	@Test
	void validServiceTokenIsAccepted() {
		byte[] event = JSON.writeValueAsBytes(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		String token = this.tokens.service("svc", DevTokens.SCOPE_EVENTS_WRITE);
		assertThat(postBytes("/v1/events", event, token).statusCode()).isEqualTo(202);
	}

	@Test
	void healthAndApiDescriptionAreOpen() {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		// Kafka is not in readiness: the circuit breaker answers 503 with Retry-After
		// instead
		assertThat(body(get("/actuator/health/readiness")).get("components").propertyNames())
			.containsExactly("readinessState");
		assertThat(body(get("/actuator/health")).get("components").propertyNames()).contains("circuitBreakers");
		var api = get("/v3/api-docs");
		assertThat(api.statusCode()).isEqualTo(200);
		assertThat(body(api).get("paths").propertyNames()).contains("/v1/events", "/v1/events:batch",
				"/v1/users/{userId}/contact", "/v1/users/{userId}");
		// the publish timer appears with the first publish, which this test makes itself
		assertThat(post("/v1/events", reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID())).statusCode())
			.isEqualTo(202);
		assertThat(get("/actuator/prometheus").body()).contains("herald_ingest_publish_latency");
	}

	@Test
	void apiDescriptionDocumentsTheActionUrlOfAnEvent() {
		var api = body(get("/v3/api-docs"));
		var actionUrl = api.get("components").get("schemas").get("EventRequest").get("properties").get("actionUrl");
		assertThat(actionUrl).as(api.toString()).isNotNull();
		assertThat(actionUrl.get("type").asString()).isEqualTo("string");
		assertThat(actionUrl.get("maxLength").asInt()).isEqualTo(2048);
		assertThat(actionUrl.get("description").asString()).contains("http(s)");
	}

	@Test
	void apiDescriptionDocumentsTheErrorAnswers() {
		var events = body(get("/v3/api-docs")).get("paths").get("/v1/events").get("post").get("responses");
		assertThat(events.propertyNames()).contains("400", "401", "403", "413", "415", "503");
		assertThat(events.get("503").get("description").asString()).contains("Retry-After");
		assertThat(events.get("413").at("/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
	}

	private static void assertProblem(java.net.http.HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValue("application/problem+json");
	}

	private static String unsigned(DevTokens tokens) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64.encodeToString(("{\"sub\":\"svc\",\"iss\":\"herald-dev\",\"aud\":\"herald\",\"exp\":"
				+ Instant.now().plusSeconds(600).getEpochSecond() + ",\"scope\":\"events:write\"}")
			.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".";
	}

	/** How a test builds its bad token. */
	interface Bad {

		String of(DevTokens tokens);

	}

}
