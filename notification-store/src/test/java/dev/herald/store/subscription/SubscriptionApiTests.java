package dev.herald.store.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.herald.schema.EventKind;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.support.kafka.HeraldKafkaAutoConfiguration;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subscriptions the store owns: a user's own through its API, upstream services' bulk
 * changes from {@code subscriptions.v1}, and what erasure and deleted content drop.
 */
class SubscriptionApiTests extends StoreIntegrationTest {

	private static final RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.SUBSCRIPTIONS.deadLetter());

	SubscriptionApiTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@AfterAll
	static void closeCollector() {
		deadLetters.close();
	}

	@Test
	void aUserFollowsAndLeavesTopicsAndPagesThroughTheirOwn() {
		String user = newUser();
		String other = newUser();
		for (String topic : List.of("thread:9", "artwork:123", "creator:alice")) {
			assertThat(http(user).put("/v1/subscriptions/" + topic, null).status()).isEqualTo(204);
		}
		assertThat(http(user).put("/v1/subscriptions/thread:9", null).status()).as("idempotent").isEqualTo(204);
		http(other).put("/v1/subscriptions/thread:10", null);
		Response first = http(user).get("/v1/subscriptions?limit=2");
		assertThat(first.status()).isEqualTo(200);
		assertThat(topics(first.body())).containsExactly("artwork:123", "creator:alice");
		assertThat(first.body().get("items").get(0).get("subscribedAt").asString()).isNotBlank();
		Response second = http(user)
			.get("/v1/subscriptions?limit=2&cursor=" + first.body().get("nextCursor").asString());
		assertThat(topics(second.body())).containsExactly("thread:9");
		assertThat(second.body().get("nextCursor").isNull()).isTrue();
		assertThat(http(user).delete("/v1/subscriptions/creator:alice").status()).isEqualTo(204);
		assertThat(http(user).delete("/v1/subscriptions/creator:alice").status()).isEqualTo(204);
		assertThat(topics(http(user).get("/v1/subscriptions").body())).containsExactly("artwork:123", "thread:9");
	}

	@Test
	void aBadTopicKeyOrCursorIsAProblemNamingTheField() {
		String user = newUser();
		for (String bad : List.of("thread", "Thread:9", "thread:a:b", "thread:" + "9".repeat(129))) {
			Response response = http(user).put("/v1/subscriptions/" + bad, null);
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.text()).contains("topic").contains("must be a topic key");
		}
		assertThat(http(user).delete("/v1/subscriptions/thread").status()).isEqualTo(400);
		Response cursor = http(user).get("/v1/subscriptions?cursor=!!");
		assertThat(cursor.status()).isEqualTo(400);
		assertThat(cursor.text()).contains("cursor");
		assertThat(count("SELECT count(*) FROM subscriptions WHERE user_id = ?", user)).isZero();
	}

	@Test
	void upstreamServicesSubscribeAndUnsubscribeInBulkThroughSubscriptionsV1() {
		String topic = "thread:" + UUID.randomUUID();
		List<String> users = IntStream.range(0, 1000).mapToObj((i) -> newUser()).toList();
		send(change(topic, users, true));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ?", topic)).isEqualTo(1000));
		send(change(topic, users.subList(0, 400), false));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ?", topic)).isEqualTo(600));
		assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ? AND user_id = ?", topic, users.get(0)))
			.isZero();
	}

	@Test
	void anInvalidChangeIsDeadLetteredWithItsReasonAndTheNextIsApplied() {
		String topic = "thread:" + UUID.randomUUID();
		String user = newUser();
		kafka.send(Topics.SUBSCRIPTIONS, topic, change("Thread:X", List.of(user), true));
		send(change(topic, List.of("with space"), true));
		send(change(topic, List.of(user), true));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM subscriptions WHERE user_id = ?", user)).isEqualTo(1));
		await().untilAsserted(() -> assertThat(reasons(topic)).hasSize(2));
		assertThat(reasons(topic)).anySatisfy((reason) -> assertThat(reason).contains("topic: must be a topic key"))
			.anySatisfy((reason) -> assertThat(reason).contains("userIds[0]: must not contain whitespace"));
		assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ?", topic)).isEqualTo(1);
	}

	@Test
	void erasingAUserDropsTheirSubscriptionsAndDeletingContentDropsItsTopic() {
		String erased = newUser();
		String kept = newUser();
		String artwork = UUID.randomUUID().toString();
		String thread = "thread:" + UUID.randomUUID();
		for (String user : List.of(erased, kept)) {
			http(user).put("/v1/subscriptions/artwork:" + artwork, null);
			http(user).put("/v1/subscriptions/" + thread, null);
		}
		http(kept).put("/v1/subscriptions/creator:keep", null);
		send(Events.userDeleted(erased));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM subscriptions WHERE user_id = ?", erased)).isZero());
		send(Events.contentDeleted(kept, artwork));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ?", "artwork:" + artwork))
					.isZero());
		// a CONTENT_DELETED naming a topic drops that topic too
		kafka.send(Topics.SOCIAL_EVENTS, thread,
				Events.base(EventKind.CONTENT_DELETED, "")
					.setTopic(thread)
					.setContent(Events.artwork("other-" + UUID.randomUUID()))
					.build());
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM subscriptions WHERE topic = ?", thread)).isZero());
		assertThat(topics(http(kept).get("/v1/subscriptions").body())).containsExactly("creator:keep");
	}

	private static void send(SubscriptionChange change) {
		kafka.send(Topics.SUBSCRIPTIONS, change.getTopic(), change);
	}

	static SubscriptionChange change(String topic, List<String> users, boolean subscribed) {
		return new SubscriptionChange(UUID.randomUUID().toString(), topic, users, subscribed, Instant.now());
	}

	private static List<String> reasons(String key) {
		return deadLetters.records()
			.stream()
			.filter((r) -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
			.map(SubscriptionApiTests::reason)
			.toList();
	}

	private static String reason(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.headers().lastHeader(HeraldKafkaAutoConfiguration.REASON_HEADER).value(),
				StandardCharsets.UTF_8);
	}

	private static List<String> topics(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("topic").asString()).toList();
	}

}
