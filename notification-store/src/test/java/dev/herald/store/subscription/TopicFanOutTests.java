package dev.herald.store.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.herald.schema.EventKind;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.StoreInstance;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.support.kafka.HeraldKafkaAutoConfiguration;
import dev.herald.testinfra.RecordCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topic events fanned out by a real store instance running the broadcast scheduler (the
 * shared context does not run it): every subscriber but the actor gets the event once,
 * through the same per-recipient rules as any event.
 */
class TopicFanOutTests extends StoreIntegrationTest {

	private static final RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.SOCIAL_EVENTS.deadLetter());

	TopicFanOutTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@AfterAll
	static void closeCollector() {
		deadLetters.close();
	}

	@Test
	void aCommentOnAThreadReachesEveryFollowerButTheCommenterAndRespectsTheirPreferences() {
		String thread = "thread:" + UUID.randomUUID();
		String commenter = newUser();
		String follower = newUser();
		String muting = newUser();
		String unsubscribed = newUser();
		String stranger = newUser();
		for (String user : List.of(commenter, follower, muting, unsubscribed)) {
			assertThat(http(user).put("/v1/subscriptions/" + thread, null).status()).isEqualTo(204);
		}
		http(unsubscribed).delete("/v1/subscriptions/" + thread);
		http(muting).patch("/v1/preferences/COMMENT", Map.of("inApp", false));
		SocialEvent comment = Events.base(EventKind.COMMENT_ADDED, "")
			.setTopic(thread)
			.setActor(Events.actor(commenter))
			.setContent(Events.artwork("a-" + UUID.randomUUID()))
			.setComment(new dev.herald.schema.CommentRef("c-1", "Nice thread"))
			.build();
		try (StoreInstance instance = StoreInstance.start(database(), kafka, Map.of())) {
			kafka.send(Topics.SOCIAL_EVENTS, thread, comment);
			kafka.send(Topics.SOCIAL_EVENTS, thread, comment);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(published(follower)).hasSize(1));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(count("""
						SELECT count(*) FROM broadcasts WHERE audience_topic = ? AND status = 'COMPLETED'""", thread))
					.isEqualTo(1));
		}
		NotificationChange change = published(follower).get(0);
		assertThat(change.getSeq()).isEqualTo(1);
		assertThat(change.getNotification().getActors().get(0).getId()).isEqualTo(commenter);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", follower)).isEqualTo(1);
		assertThat(count("SELECT total FROM broadcasts WHERE audience_topic = ?", thread)).as("all but the actor")
			.isEqualTo(2);
		for (String silent : List.of(commenter, muting, unsubscribed, stranger)) {
			assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", silent)).as(silent).isZero();
		}
		assertThat(published(muting)).isEmpty();
	}

	@Test
	void aTopicFanOutStoppedHalfWayResumesWithNoSubscriberTwiceAndNoneSkipped() {
		String creator = "creator:" + UUID.randomUUID();
		String prefix = "u-" + UUID.randomUUID() + "-";
		List<String> followers = IntStream.range(0, 2000).mapToObj((i) -> prefix + i).toList();
		jdbc.sql("INSERT INTO subscriptions (topic, user_id) SELECT ?, unnest(?::text[])")
			.params(creator, followers.toArray(String[]::new))
			.update();
		Map<String, String> paced = Map.of("herald.store.broadcasts.batch-size", "100",
				"herald.store.broadcasts.batches-per-poll", "1", "herald.store.broadcasts.lease", "2s");
		SocialEvent post = Events.base(EventKind.MENTION, "")
			.setTopic(creator)
			.setActor(Events.actor("alice-" + UUID.randomUUID()))
			.setContent(Events.artwork("new-" + UUID.randomUUID()))
			.build();
		try (StoreInstance first = StoreInstance.start(database(), kafka, paced)) {
			kafka.send(Topics.SOCIAL_EVENTS, creator, post);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count("SELECT coalesce(max(sent), 0) FROM broadcasts WHERE audience_topic = ?",
						creator) >= 300);
		}
		assertThat(count("SELECT sent FROM broadcasts WHERE audience_topic = ?", creator)).isBetween(100, 1999);
		// new followers after the start are not part of this event's audience
		jdbc.sql("INSERT INTO subscriptions (topic, user_id) VALUES (?, ?)").params(creator, prefix + "late").update();
		try (StoreInstance second = StoreInstance.start(database(), kafka, paced)) {
			await().atMost(Duration.ofSeconds(90))
				.until(() -> count("SELECT count(*) FROM broadcasts WHERE audience_topic = ? AND status = 'COMPLETED'",
						creator) == 1);
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id LIKE ?", prefix + "%"))
						.isEqualTo(2000));
		assertThat(count("SELECT count(DISTINCT user_id) FROM notifications WHERE user_id LIKE ?", prefix + "%"))
			.isEqualTo(2000);
		assertThat(count("SELECT count(*) FROM user_state WHERE user_id LIKE ? AND unread_count = 1", prefix + "%"))
			.isEqualTo(2000);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", prefix + "late")).isZero();
	}

	@Test
	void deletingTheContentStopsTheFanOutToItsTopic() {
		String artwork = "art-" + UUID.randomUUID();
		String topic = "artwork:" + artwork;
		String prefix = "u-" + UUID.randomUUID() + "-";
		List<String> followers = IntStream.range(0, 2000).mapToObj((i) -> prefix + i).toList();
		jdbc.sql("INSERT INTO subscriptions (topic, user_id) SELECT ?, unnest(?::text[])")
			.params(topic, followers.toArray(String[]::new))
			.update();
		Map<String, String> paced = Map.of("herald.store.broadcasts.batch-size", "100",
				"herald.store.broadcasts.batches-per-poll", "1");
		SocialEvent comment = Events.base(EventKind.COMMENT_ADDED, "")
			.setTopic(topic)
			.setActor(Events.actor("ana-" + UUID.randomUUID()))
			.setContent(Events.artwork(artwork))
			.setComment(new dev.herald.schema.CommentRef("c-1", "Lovely"))
			.build();
		try (StoreInstance instance = StoreInstance.start(database(), kafka, paced)) {
			kafka.send(Topics.SOCIAL_EVENTS, topic, comment);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count("SELECT coalesce(max(sent), 0) FROM broadcasts WHERE audience_topic = ?",
						topic) >= 200);
			send(Events.contentDeleted(newUser(), artwork));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> count("SELECT count(*) FROM broadcasts WHERE audience_topic = ? AND status = 'CANCELLED'",
						topic) == 1);
			assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ?", topic)).isZero();
		}
		assertThat(count("SELECT sent FROM broadcasts WHERE audience_topic = ?", topic)).as("stopped part-way")
			.isLessThan(2000);
	}

	@Test
	void manySmallFanOutsRunInOnePoll() {
		String prefix = "u-" + UUID.randomUUID() + "-";
		List<String> threads = IntStream.range(0, 30).mapToObj((i) -> "thread:" + prefix + i).toList();
		for (int i = 0; i < threads.size(); i++) {
			jdbc.sql("INSERT INTO subscriptions (topic, user_id) VALUES (?, ?)")
				.params(threads.get(i), prefix + i)
				.update();
		}
		// one full batch per poll: before, each fan-out took two batches (publish, then
		// complete), 30 of them a minute
		Map<String, String> paced = Map.of("herald.store.broadcasts.batch-size", "100",
				"herald.store.broadcasts.batches-per-poll", "1");
		try (StoreInstance instance = StoreInstance.start(database(), kafka, paced)) {
			for (String thread : threads) {
				kafka.send(Topics.SOCIAL_EVENTS, thread,
						Events.base(EventKind.FOLLOW, "")
							.setTopic(thread)
							.setActor(Events.actor("carol-" + UUID.randomUUID()))
							.build());
			}
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(count("""
					SELECT count(*) FROM broadcasts WHERE audience_topic LIKE ? AND status = 'COMPLETED'
					AND sent = 1""", "thread:" + prefix + "%")).isEqualTo(30));
		}
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id LIKE ?", prefix + "%"))
					.isEqualTo(30));
	}

	@Test
	void aTopicEventThatAlsoNamesARecipientOrHasABadKeyIsDeadLettered() {
		String topic = "thread:" + UUID.randomUUID();
		SocialEvent both = Events.base(EventKind.FOLLOW, newUser())
			.setTopic(topic)
			.setActor(Events.actor("bob-" + UUID.randomUUID()))
			.build();
		SocialEvent badKey = Events.base(EventKind.FOLLOW, "")
			.setTopic(topic + " x")
			.setActor(Events.actor("bob-" + UUID.randomUUID()))
			.build();
		SocialEvent erasure = Events.base(EventKind.USER_DELETED, "").setTopic(topic).build();
		kafka.send(Topics.SOCIAL_EVENTS, topic, both);
		kafka.send(Topics.SOCIAL_EVENTS, topic, badKey);
		kafka.send(Topics.SOCIAL_EVENTS, topic, erasure);
		await().untilAsserted(() -> assertThat(reasons(topic)).hasSize(3));
		assertThat(reasons(topic)).anySatisfy((r) -> assertThat(r).contains("exactly one of recipientId and topic"))
			.anySatisfy((r) -> assertThat(r).contains("topic: must be a topic key"))
			.anySatisfy((r) -> assertThat(r).contains("topic: not allowed for USER_DELETED"));
		assertThat(count("SELECT count(*) FROM broadcasts WHERE audience_topic LIKE ?", topic + "%")).isZero();
	}

	private static List<String> reasons(String key) {
		return deadLetters.records()
			.stream()
			.filter((r) -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
			.map((r) -> new String(r.headers().lastHeader(HeraldKafkaAutoConfiguration.REASON_HEADER).value(),
					StandardCharsets.UTF_8))
			.toList();
	}

}
