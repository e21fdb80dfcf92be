package dev.herald.store.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.herald.store.StoreInstance;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.testinfra.FreePorts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasts sent by real store instances (the shared context does not run the
 * scheduler), one of them stopped half-way through a fan-out.
 */
class BroadcastFanOutTests extends StoreIntegrationTest {

	private static final int USERS = 5000;

	private static final int BATCH = 100;

	BroadcastFanOutTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void aBroadcastToFiveThousandUsersNotifiesEachOnceAlthoughTheStoreStopsHalfWay() {
		String cohort = UUID.randomUUID().toString();
		jdbc.sql("""
				INSERT INTO contacts (user_id, attributes, updated_at)
				SELECT 'u-' || ? || '-' || i, jsonb_build_object('cohort', ?), now() FROM generate_series(1, ?) i""")
			.params(cohort, cohort, USERS)
			.update();
		Map<String, String> paced = Map.of("herald.store.broadcasts.batch-size", String.valueOf(BATCH),
				"herald.store.broadcasts.batches-per-poll", "1", "herald.store.broadcasts.lease", "2s");
		String id;
		int sentWhenStopped;
		try (StoreInstance first = StoreInstance.start(database(), kafka, paced)) {
			id = create(Map.of("type", "ATTRIBUTE", "attribute", "cohort", "value", cohort), null, "Cohort " + cohort);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> sent(id) >= USERS / 5);
		}
		sentWhenStopped = sent(id);
		assertThat(sentWhenStopped).as("stopped half-way").isBetween(BATCH, USERS - 1);
		assertThat(view(id).get("status").asString()).isEqualTo("RUNNING");
		// A crash after Kafka acknowledged a batch and before the cursor moved leaves it
		// one batch behind: that batch goes out again and the pipeline drops it.
		jdbc.sql("UPDATE broadcasts SET cursor_position = cursor_position - ?, sent = sent - ? WHERE id = ?::uuid")
			.params(BATCH, BATCH, id)
			.update();
		long duplicatesBefore = duplicatesToday();
		try (StoreInstance second = StoreInstance.start(database(), kafka, paced)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(view(id).get("status").asString()));
		}
		JsonNode done = view(id);
		assertThat(done.get("total").asInt()).isEqualTo(USERS);
		assertThat(done.get("sent").asInt()).isEqualTo(USERS);
		assertThat(count("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?::uuid", id)).isZero();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(announcements("Cohort " + cohort)).isGreaterThanOrEqualTo(USERS));
		assertThat(announcements("Cohort " + cohort)).isEqualTo(USERS);
		assertThat(count("""
				SELECT count(DISTINCT user_id) FROM notifications WHERE type = 'ANNOUNCEMENT' AND message_title = ?
				AND user_id LIKE ?""", "Cohort " + cohort, "u-" + cohort + "-%")).isEqualTo(USERS);
		assertThat(count("SELECT count(*) FROM user_state WHERE user_id LIKE ? AND unread_count = 1",
				"u-" + cohort + "-%"))
			.isEqualTo(USERS);
		await().untilAsserted(() -> assertThat(duplicatesToday() - duplicatesBefore).isGreaterThanOrEqualTo(BATCH));
	}

	@Test
	void aScheduledBroadcastFiresAtItsTimeAndACancelledOneNever() {
		String kept = newUser();
		String spared = newUser();
		Instant at = Instant.now().plusSeconds(3);
		try (StoreInstance instance = StoreInstance.start(database(), kafka, Map.of())) {
			String fires = create(Map.of("type", "USERS", "userIds", List.of(kept)), at, "Scheduled");
			String cancelled = create(Map.of("type", "USERS", "userIds", List.of(spared)), at, "Cancelled");
			assertThat(admin().post("/v1/admin/broadcasts/" + cancelled + "/cancel", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", kept))
					.isEqualTo(1));
			JsonNode fired = view(fires);
			assertThat(Instant.parse(fired.get("startedAt").asString())).isAfterOrEqualTo(at);
			assertThat(fired.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(fired.get("total").asInt()).isEqualTo(1);
			JsonNode notification = http(kept).get("/v1/notifications").body().get("items").get(0);
			assertThat(notification.get("type").asString()).isEqualTo("ANNOUNCEMENT");
			assertThat(notification.get("message").get("title").asString()).isEqualTo("Scheduled");
			assertThat(Instant.parse(notification.get("createdAt").asString())).isAfterOrEqualTo(at);
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> count("SELECT count(*) FROM notifications WHERE user_id = ?", spared) == 0);
			JsonNode never = view(cancelled);
			assertThat(never.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(never.get("startedAt").isNull()).isTrue();
			assertThat(never.get("sent").asInt()).isZero();
			assertThat(admin().post("/v1/admin/broadcasts/" + fires + "/cancel", null).status()).isEqualTo(409);
		}
	}

	@Test
	void aBroadcastThatCannotBePublishedFailsAfterItsFailuresInARowAndDropsItsRecipients() {
		String user = newUser();
		// an instance whose Kafka never answers: every batch times out
		Map<String, String> noKafka = Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:" + FreePorts.find(),
				"spring.kafka.producer.properties.max.block.ms", "300", "herald.store.broadcasts.send-timeout", "300ms",
				"herald.store.broadcasts.max-failures", "3");
		try (StoreInstance instance = StoreInstance.start(database(), kafka, noKafka)) {
			String id = create(Map.of("type", "USERS", "userIds", List.of(user)), null, "Unpublishable");
			await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(view(id).get("status").asString()));
			assertThat(count("SELECT failed_attempts FROM broadcasts WHERE id = ?::uuid", id)).isEqualTo(3);
			assertThat(view(id).get("sent").asInt()).isZero();
			assertThat(view(id).get("failure").asString()).contains("could not publish to social.events.v1");
			assertThat(count("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?::uuid", id)).isZero();
			assertThat(admin().post("/v1/admin/broadcasts/" + id + "/cancel", null).status()).isEqualTo(409);
		}
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isZero();
	}

	@Test
	void twoInstancesRunBroadcastsSideBySideWithoutRunningABatchTwice() {
		String prefix = "u-" + UUID.randomUUID() + "-";
		List<String> first = IntStream.range(0, 500).mapToObj((i) -> prefix + "a" + i).toList();
		List<String> second = IntStream.range(0, 500).mapToObj((i) -> prefix + "b" + i).toList();
		Map<String, String> small = Map.of("herald.store.broadcasts.batch-size", "50");
		try (StoreInstance one = StoreInstance.start(database(), kafka, small);
				StoreInstance two = StoreInstance.start(database(), kafka, small)) {
			List<String> ids = List.of(create(Map.of("type", "USERS", "userIds", first), null, "Side " + prefix),
					create(Map.of("type", "USERS", "userIds", second), null, "Side " + prefix));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ids.stream().allMatch((id) -> "COMPLETED".equals(view(id).get("status").asString())));
			for (String id : ids) {
				assertThat(view(id).get("total").asInt()).isEqualTo(500);
				assertThat(view(id).get("sent").asInt()).isEqualTo(500);
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(announcements("Side " + prefix)).isGreaterThanOrEqualTo(1000));
		assertThat(announcements("Side " + prefix)).isEqualTo(1000);
	}

	private String create(Map<String, Object> audience, Instant scheduledAt, String title) {
		Map<String, Object> request = (scheduledAt != null)
				? Map.of("message", Map.of("title", title, "body", "Hello"), "audience", audience, "scheduledAt",
						scheduledAt.truncatedTo(ChronoUnit.MILLIS).toString())
				: Map.of("message", Map.of("title", title, "body", "Hello"), "audience", audience);
		JsonNode created = admin().post("/v1/admin/broadcasts", request).body();
		return created.get("id").asString();
	}

	private JsonNode view(String id) {
		return admin().get("/v1/admin/broadcasts/" + id).body();
	}

	private int sent(String id) {
		return count("SELECT sent FROM broadcasts WHERE id = ?::uuid", id);
	}

	private long duplicatesToday() {
		return jdbc
			.sql("SELECT coalesce(sum(count), 0) FROM drop_counts WHERE reason = 'duplicate' AND day = "
					+ "(now() AT TIME ZONE 'UTC')::date")
			.query(Long.class)
			.single();
	}

	private int announcements(String title) {
		return count("SELECT count(*) FROM notifications WHERE type = 'ANNOUNCEMENT' AND message_title = ?", title);
	}

}
