package dev.herald.ingest.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.herald.ingest.IngestHttpTest;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topic events and bulk subscription changes, published to the real embedded Kafka.
 */
class TopicTests extends IngestHttpTest {

	private static RecordCollector<String, SocialEvent> events;

	private static RecordCollector<String, SubscriptionChange> changes;

	@BeforeAll
	static void collect() {
		events = KafkaBroker.shared().collect(Topics.SOCIAL_EVENTS);
		changes = KafkaBroker.shared().collect(Topics.SUBSCRIPTIONS);
	}

	@AfterAll
	static void stop() {
		events.close();
		changes.close();
	}

	@Test
	void aTopicEventIsKeyedByItsTopicWithAnEmptyRecipient() {
		String topic = "thread:" + UUID.randomUUID();
		Map<String, Object> event = comment(topic);
		assertThat(post("/v1/events", event).statusCode()).isEqualTo(202);
		ConsumerRecord<String, SocialEvent> record = awaitOne(events, topic);
		assertThat(record.value().getTopic()).isEqualTo(topic);
		assertThat(record.value().getRecipientId()).isEmpty();
		assertThat(record.value().getActor().getId()).isEqualTo("alice-1");
	}

	@Test
	void anEventNamesExactlyOneOfRecipientAndAValidTopic() {
		Map<String, Object> both = comment("thread:9");
		both.put("recipientId", "u-1");
		assertProblem(post("/v1/events", both), "recipientId", "exactly one of recipientId and topic");
		Map<String, Object> neither = comment("thread:9");
		neither.remove("topic");
		assertProblem(post("/v1/events", neither), "recipientId", "is required");
		assertProblem(post("/v1/events", comment("Thread 9")), "topic", "must be a topic key");
		Map<String, Object> erasure = Map.of("eventId", UUID.randomUUID().toString(), "kind", "USER_DELETED", "topic",
				"thread:9");
		assertProblem(post("/v1/events", erasure), "topic", "not allowed for USER_DELETED");
		assertProblem(post("/v1/events:batch", Map.of("events", List.of(comment("thread:9"), comment("bad")))),
				"events[1].topic", "must be a topic key");
	}

	@Test
	void subscribersAreAddedAndRemovedInBulkAsOneChangeKeyedByTheTopic() {
		String topic = "creator:" + UUID.randomUUID();
		List<String> users = IntStream.range(0, 1000).mapToObj((i) -> "u-" + i).toList();
		var added = put("/v1/topics/" + topic + "/subscribers", Map.of("userIds", users));
		assertThat(added.statusCode()).isEqualTo(202);
		assertThat(body(added).get("users").asInt()).isEqualTo(1000);
		var removed = post("/v1/topics/" + topic + "/subscribers:remove", Map.of("userIds", List.of("u-1", "u-1")));
		assertThat(removed.statusCode()).isEqualTo(202);
		assertThat(body(removed).get("users").asInt()).as("repeats count once").isEqualTo(1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(changes.records().stream().filter((r) -> topic.equals(r.key()))).hasSize(2));
		List<SubscriptionChange> published = changes.records()
			.stream()
			.filter((r) -> topic.equals(r.key()))
			.map(ConsumerRecord::value)
			.toList();
		assertThat(published.get(0).getSubscribed()).isTrue();
		assertThat(published.get(0).getUserIds()).isEqualTo(users);
		assertThat(published.get(1).getSubscribed()).isFalse();
		assertThat(published.get(1).getUserIds()).containsExactly("u-1");
		assertThat(published.get(0).getChangeId()).isEqualTo(body(added).get("changeId").asString());
	}

	@Test
	void aBadBulkChangeIsAProblemNamingTheFieldAndPublishesNothing() {
		String topic = "thread:" + UUID.randomUUID();
		List<String> tooMany = IntStream.range(0, 1001).mapToObj((i) -> "u-" + i).toList();
		assertProblem(put("/v1/topics/" + topic + "/subscribers", Map.of("userIds", tooMany)), "userIds",
				"it has 1001");
		assertProblem(put("/v1/topics/" + topic + "/subscribers", Map.of("userIds", List.of())), "userIds",
				"must list 1 to 1000");
		assertProblem(put("/v1/topics/" + topic + "/subscribers", Map.of("userIds", List.of("ok", "not ok"))),
				"userIds[1]", "whitespace");
		assertProblem(put("/v1/topics/Thread:9/subscribers", Map.of("userIds", List.of("u-1"))), "topic",
				"must be a topic key");
		assertProblem(put("/v1/topics/" + topic + "/subscribers", Map.of("userIds", List.of("u-1"), "users", 1)),
				"users", "");
		await().during(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(changes.records().stream().filter((r) -> topic.equals(r.key()))).isEmpty());
	}

	private static void assertProblem(java.net.http.HttpResponse<String> response, String field, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(body(response).get("errors").valueStream()).anySatisfy((error) -> {
			assertThat(error.get("field").asString()).isEqualTo(field);
			assertThat(error.get("message").asString()).contains(message);
		});
	}

	private static Map<String, Object> comment(String topic) {
		Map<String, Object> event = new java.util.HashMap<>();
		event.put("eventId", UUID.randomUUID().toString());
		event.put("kind", "COMMENT_ADDED");
		event.put("topic", topic);
		event.put("actor", Map.of("id", "alice-1", "handle", "alice"));
		event.put("content", Map.of("type", "artwork", "id", "42", "title", "Sunset"));
		event.put("comment", Map.of("id", "c-1", "preview", "Hello"));
		return event;
	}

	private static <V> ConsumerRecord<String, V> awaitOne(RecordCollector<String, V> collector, String key) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(collector.records().stream().filter((r) -> key.equals(r.key()))).hasSize(1));
		return collector.records().stream().filter((r) -> key.equals(r.key())).findFirst().orElseThrow();
	}

}
