package dev.herald.store.broadcast;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.store.Http;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BroadcastApiTests extends StoreIntegrationTest {

	BroadcastApiTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void createsListsShowsAndCancelsAScheduledBroadcast() {
		Instant at = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		Response created = admin().post("/v1/admin/broadcasts",
				Map.of("message", Map.of("title", "Maintenance", "body", "Tonight 22:00"), "critical", true, "audience",
						Map.of("type", "ATTRIBUTE", "attribute", "plan", "value", "pro"), "scheduledAt",
						at.toString()));
		assertThat(created.status()).isEqualTo(202);
		JsonNode view = created.body();
		String id = view.get("id").asString();
		assertThat(view.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(view.get("message").get("title").asString()).isEqualTo("Maintenance");
		assertThat(view.get("message").get("body").asString()).isEqualTo("Tonight 22:00");
		assertThat(view.get("audience").get("type").asString()).isEqualTo("ATTRIBUTE");
		assertThat(view.get("audience").get("value").asString()).isEqualTo("pro");
		assertThat(view.get("audience").has("userIds")).isFalse();
		assertThat(view.get("critical").asBoolean()).isTrue();
		assertThat(Instant.parse(view.get("scheduledAt").asString())).isEqualTo(at);
		assertThat(view.get("createdAt").asString()).endsWith("Z");
		assertThat(view.get("startedAt").isNull()).isTrue();
		assertThat(view.get("completedAt").isNull()).isTrue();
		assertThat(view.get("total").isNull()).isTrue();
		assertThat(view.get("sent").asInt()).isZero();

		assertThat(admin().get("/v1/admin/broadcasts?limit=5").body().get("items").get(0).get("id").asString())
			.isEqualTo(id);
		assertThat(admin().get("/v1/admin/broadcasts/" + id).body().get("status").asString()).isEqualTo("SCHEDULED");

		Response cancelled = admin().post("/v1/admin/broadcasts/" + id + "/cancel", null);
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.body().get("completedAt").isNull()).isFalse();
		Response again = admin().post("/v1/admin/broadcasts/" + id + "/cancel", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).isEqualTo("application/problem+json");
		assertThat(again.body().get("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void anExplicitAudienceKeepsEachUserOnceAndAbsentScheduleMeansNow() {
		Response created = admin().post("/v1/admin/broadcasts", Map.of("message", Map.of("title", "Hello"), "audience",
				Map.of("type", "USERS", "userIds", List.of("a-1", "b-2", "a-1"))));
		assertThat(created.status()).isEqualTo(202);
		assertThat(created.body().get("audience").get("userIds")).extracting(JsonNode::asString)
			.containsExactly("a-1", "b-2");
		assertThat(created.body().get("message").get("body").asString()).isEmpty();
		assertThat(created.body().get("critical").asBoolean()).isFalse();
		assertThat(Instant.parse(created.body().get("scheduledAt").asString())).isCloseTo(Instant.now(),
				within(1, ChronoUnit.MINUTES));
		admin().post("/v1/admin/broadcasts/" + created.body().get("id").asString() + "/cancel", null);
	}

	@Test
	void unknownBroadcastsAreNotFound() {
		assertThat(admin().get("/v1/admin/broadcasts/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(admin().get("/v1/admin/broadcasts/not-a-uuid").status()).isEqualTo(404);
		assertThat(admin().post("/v1/admin/broadcasts/" + UUID.randomUUID() + "/cancel", null).status()).isEqualTo(404);
	}

	@Test
	void badRequestsNameTheFieldAndWriteNothing() {
		int before = count("SELECT count(*) FROM broadcasts");
		Map<String, Object> all = Map.of("type", "ALL");
		assertBadField(Map.of("audience", all), "message");
		assertBadField(Map.of("message", Map.of("body", "x"), "audience", all), "message.title");
		assertBadField(Map.of("message", Map.of("title", "x".repeat(201)), "audience", all), "message.title");
		assertBadField(Map.of("message", Map.of("title", "t")), "audience");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "EVERYONE")),
				"audience.type");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "USERS")),
				"audience.userIds");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience",
				Map.of("type", "USERS", "userIds", Collections.nCopies(10_001, "u"))), "audience.userIds");
		assertBadField(
				Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "USERS", "userIds", List.of(" "))),
				"audience.userIds[0]");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "ATTRIBUTE", "value", "pro")),
				"audience.attribute");
		assertBadField(
				Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "ATTRIBUTE", "attribute", "plan")),
				"audience.value");
		assertBadField(
				Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "ALL", "userIds", List.of("u"))),
				"audience.userIds");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience",
				Map.of("type", "USERS", "userIds", List.of("u"), "attribute", "plan")), "audience.attribute");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", all, "scheduledAt",
				Instant.now().minus(1, ChronoUnit.HOURS).toString()), "scheduledAt");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", all, "scheduledAt", "tomorrow"),
				"scheduledAt");
		String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", all, "scheduled_at", tomorrow),
				"scheduled_at");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", all, "critical", 1), "critical");
		assertBadField(Map.of("message", Map.of("title", "t"), "audience", all, "critical", "true"), "critical");
		assertBadField(Map.of("message", Map.of("title", 12345), "audience", all), "message.title");
		assertBadField(Map.of("message", Map.of("title", "t", "subject", "s"), "audience", all), "message.subject");
		assertBadField(
				Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "USERS", "userIds", List.of(12345))),
				"audience.userIds[0]");
		Response limit = admin().get("/v1/admin/broadcasts?limit=0");
		assertThat(limit.status()).isEqualTo(400);
		assertThat(limit.body().get("errors").get(0).get("field").asString()).isEqualTo("limit");
		assertThat(count("SELECT count(*) FROM broadcasts")).isEqualTo(before);
	}

	@Test
	void needsTheAdminScope() {
		Map<String, Object> request = Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "ALL"));
		assertThat(http(newUser()).post("/v1/admin/broadcasts", request).status()).isEqualTo(403);
		assertThat(http(newUser()).get("/v1/admin/broadcasts").status()).isEqualTo(403);
		assertThat(Http.anonymous(port).get("/v1/admin/broadcasts").status()).isEqualTo(401);
	}

	private void assertBadField(Map<String, Object> request, String field) {
		Response response = admin().post("/v1/admin/broadcasts", request);
		assertThat(response.status()).as("status for %s", field).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body().get("errors").findValuesAsString("field")).as(response.body().toString())
			.contains(field);
	}

}
