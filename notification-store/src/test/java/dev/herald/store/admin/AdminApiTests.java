package dev.herald.store.admin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AdminApiTests extends StoreIntegrationTest {

	AdminApiTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void statsCountCreatedAndReadPerDayAndTypeUnreadDropsAndDeadLetters() {
		JsonNode before = admin().get("/v1/admin/stats?days=1").body();
		String user = newUser();
		SocialEvent follow = Events.follow(user, "f1-" + UUID.randomUUID());
		send(follow, Events.follow(user, "f2-" + UUID.randomUUID()), Events.follow(user, "f3-" + UUID.randomUUID()),
				follow);
		kafka.sendRaw(Topics.SOCIAL_EVENTS.name(), user.getBytes(StandardCharsets.UTF_8),
				"not avro".getBytes(StandardCharsets.UTF_8));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(3));
		List<String> ids = jdbc.sql("SELECT id::text FROM notifications WHERE user_id = ? ORDER BY created_at LIMIT 2")
			.param(user)
			.query(String.class)
			.list();
		assertThat(http(user).postIds("/v1/notifications/read", ids).status()).isEqualTo(200);

		await().untilAsserted(() -> {
			JsonNode after = admin().get("/v1/admin/stats?days=1").body();
			assertThat(followsToday(after, "created") - followsToday(before, "created")).isGreaterThanOrEqualTo(3);
			assertThat(followsToday(after, "read") - followsToday(before, "read")).isGreaterThanOrEqualTo(2);
			assertThat(after.get("unread").get("total").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(after.get("unread").get("users").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(after.get("dropped").get("duplicate").asLong())
				.isGreaterThan(before.get("dropped").get("duplicate").asLong());
			assertThat(after.get("dropped").has("spam")).isTrue();
			assertThat(after.get("deadLetters").get("social.events.v1.dlt").asLong())
				.isGreaterThan(before.get("deadLetters").get("social.events.v1.dlt").asLong());
			assertThat(after.get("deadLetters").has("user-contacts.v1.dlt")).isTrue();
		});
	}

	@Test
	void statsTakeOneToNinetyDays() {
		for (String days : List.of("0", "91", "many")) {
			Response response = admin().get("/v1/admin/stats?days=" + days);
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("days");
		}
		assertThat(http(newUser()).get("/v1/admin/stats").status()).isEqualTo(403);
	}

	@Test
	void erasureRefusesWhatIngestWouldNotAcceptAsAUserId() {
		for (String id : List.of("u".repeat(129), "a b", "tab\tbed")) {
			Response response = admin().delete("/v1/admin/users/" + id);
			assertThat(response.status()).as(id).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("id");
		}
		assertThat(admin().delete("/v1/admin/users/" + "u".repeat(128)).status()).isEqualTo(202);
	}

	@Test
	void retentionRunsOnDemandAndSaysWhatItDeleted() {
		String user = newUser();
		send(Events.follow(user, "old-" + UUID.randomUUID()));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(1));
		jdbc.sql("UPDATE notifications SET created_at = now() - interval '91 days' WHERE user_id = ?")
			.param(user)
			.update();
		Response response = admin().post("/v1/admin/retention/run", null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("notifications").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(response.body().has("changes")).isTrue();
		assertThat(response.body().has("processedEvents")).isTrue();
		assertThat(response.body().has("actorRates")).isTrue();
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isZero();
		assertThat(unreadCounter(user)).isZero();
		assertThat(http(user).post("/v1/admin/retention/run", null).status()).isEqualTo(403);
	}

	private static long followsToday(JsonNode stats, String field) {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		long total = 0;
		for (JsonNode day : stats.get("days")) {
			if (day.get("day").asString().equals(today) && day.get("type").asString().equals("FOLLOW")) {
				total += day.get(field).asLong();
			}
		}
		return total;
	}

}
