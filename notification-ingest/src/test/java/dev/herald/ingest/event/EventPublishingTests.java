package dev.herald.ingest.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.ingest.IngestHttpTest;
import dev.herald.ingest.input.Fields;
import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

class EventPublishingTests extends IngestHttpTest {

	private static RecordCollector<String, SocialEvent> topic;

	@BeforeAll
	static void collect() {
		topic = KafkaBroker.shared().collect(Topics.SOCIAL_EVENTS);
	}

	@AfterAll
	static void stop() {
		topic.close();
	}

	@Test
	void acceptedEventIsOnTheTopicDecodedAndKeyedByRecipient() {
		String recipient = "u-" + UUID.randomUUID();
		String eventId = UUID.randomUUID().toString();
		double accepted = counter("herald.ingest.events.accepted", "kind", "REACTION_ADDED");
		var response = post("/v1/events", reaction(eventId, recipient));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(counter("herald.ingest.events.accepted", "kind", "REACTION_ADDED")).isEqualTo(accepted + 1);
		assertThat(body(response).get("accepted").get(0).asString()).isEqualTo(eventId);
		ConsumerRecord<String, SocialEvent> record = awaitOne(recipient);
		assertThat(record.key()).isEqualTo(recipient);
		assertThat(record.value().getEventId()).isEqualTo(eventId);
		assertThat(record.value().getKind()).isEqualTo(EventKind.REACTION_ADDED);
		assertThat(record.value().getReaction()).isEqualTo("🔥");
		assertThat(record.value().getContent().getTitle()).isEqualTo("Sunset");
	}

	@Test
	void userTextIsSanitisedBeforePublishing() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), recipient);
		event.put("kind", "COMMENT_ADDED");
		event.put("actor", Map.of("id", "a1", "handle", "  <b>alice</b>\t "));
		event.put("content",
				Map.of("type", "artwork", "id", "art-9", "title", "<script>alert(1)</script>Sun &amp; sea"));
		event.put("comment", Map.of("id", "c1", "preview", "<p>" + "👩‍👩‍👧‍👦".repeat(120) + "</p>"));
		assertThat(post("/v1/events", event).statusCode()).isEqualTo(202);
		SocialEvent published = awaitOne(recipient).value();
		assertThat(published.getActor().getHandle()).isEqualTo("alice");
		assertThat(published.getContent().getTitle()).isEqualTo("Sun & sea");
		assertThat(published.getComment().getPreview()).isEqualTo("👩‍👩‍👧‍👦".repeat(99) + "…");
	}

	@Test
	void actionUrlAndAttributesArriveOnTheRecord() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), recipient);
		event.put("actionUrl", "https://art.example/1#comment-9");
		event.put("attributes", Map.of("campaign", "winter"));
		assertThat(post("/v1/events", event).statusCode()).isEqualTo(202);
		SocialEvent published = awaitOne(recipient).value();
		assertThat(published.getActionUrl()).isEqualTo("https://art.example/1#comment-9");
		assertThat(published.getAttributes()).containsExactly(entry("campaign", "winter"));

		String longest = "https://art.example/" + "a".repeat(Fields.MAX_URL_LENGTH - 20);
		Map<String, Object> withLongest = reaction(UUID.randomUUID().toString(), recipient);
		withLongest.put("actionUrl", longest);
		Map<String, Object> without = reaction(UUID.randomUUID().toString(), recipient);
		assertThat(post("/v1/events:batch", Map.of("events", List.of(withLongest, without))).statusCode())
			.isEqualTo(202);
		await().untilAsserted(() -> assertThat(recordsOf(recipient)).hasSize(3));
		assertThat(recordsOf(recipient)).extracting((record) -> record.value().getActionUrl())
			.containsExactly("https://art.example/1#comment-9", longest, null);
	}

	@Test
	void eventWithABadActionUrlPublishesNothing() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> bad = reaction(UUID.randomUUID().toString(), recipient);
		bad.put("actionUrl", "javascript:alert(1)");
		var single = post("/v1/events", bad);
		assertThat(single.statusCode()).isEqualTo(400);
		assertThat(body(single).get("errors").get(0).get("message").asString())
			.isEqualTo("must be an absolute http(s) URL");
		var batch = post("/v1/events:batch",
				Map.of("events", List.of(reaction(UUID.randomUUID().toString(), recipient), bad)));
		assertThat(batch.statusCode()).isEqualTo(400);
		assertThat(body(batch).get("errors").get(0).get("field").asString()).isEqualTo("events[1].actionUrl");
		assertThat(body(batch).get("errors").get(0).get("message").asString())
			.isEqualTo("must be an absolute http(s) URL");
		assertThat(idsAfterMarker(recipient)).isEmpty();
	}

	@Test
	void batchIsPublishedInOrderKeyedByEachRecipient() {
		String first = "u-" + UUID.randomUUID();
		String second = "u-" + UUID.randomUUID();
		List<Map<String, Object>> events = List.of(reaction(UUID.randomUUID().toString(), first),
				reaction(UUID.randomUUID().toString(), second), reaction(UUID.randomUUID().toString(), first));
		var response = post("/v1/events:batch", Map.of("events", events));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(body(response).get("accepted")).hasSize(3);
		await().untilAsserted(() -> assertThat(recordsOf(first)).hasSize(2));
		assertThat(recordsOf(first)).extracting((record) -> record.value().getEventId())
			.containsExactly((String) events.get(0).get("eventId"), (String) events.get(2).get("eventId"));
		assertThat(awaitOne(second).key()).isEqualTo(second);
	}

	@Test
	void batchWithOneBadEventPublishesNothingAndNamesTheItem() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> bad = reaction(UUID.randomUUID().toString(), recipient);
		bad.remove("reaction");
		var response = post("/v1/events:batch",
				Map.of("events", List.of(reaction(UUID.randomUUID().toString(), recipient), bad)));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response).get("errors").get(0).get("field").asString()).isEqualTo("events[1].reaction");
		assertThat(idsAfterMarker(recipient)).isEmpty();
	}

	@Test
	void repeatedEventIdPublishesOnceAndAnswersTheSame() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), recipient);
		var first = post("/v1/events", event);
		double duplicates = counter("herald.ingest.events.duplicate");
		var second = post("/v1/events", event);
		assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
		assertThat(counter("herald.ingest.events.duplicate")).isEqualTo(duplicates + 1);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(idsAfterMarker(recipient)).containsExactly((String) event.get("eventId"));
	}

	@Test
	void idempotencyKeyDerivesTheEventIdAndPublishesOnce() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> event = reaction("ignored", recipient);
		event.remove("eventId");
		String key = "order-" + UUID.randomUUID();
		var first = post("/v1/events", event, "Idempotency-Key", key);
		var second = post("/v1/events", event, "Idempotency-Key", key);
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.body()).isEqualTo(first.body());
		UUID derived = UUID.fromString(body(first).get("accepted").get(0).asString());
		assertThat(derived.version()).isEqualTo(5);
		assertThat(idsAfterMarker(recipient)).containsExactly(derived.toString());
	}

	@Test
	void repeatedBatchWithIdempotencyKeyPublishesOnce() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> event = reaction("ignored", recipient);
		event.remove("eventId");
		Map<String, Object> batch = Map.of("events", List.of(event, event));
		String key = UUID.randomUUID().toString();
		var first = post("/v1/events:batch", batch, "Idempotency-Key", key);
		var second = post("/v1/events:batch", batch, "Idempotency-Key", key);
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(body(first).get("accepted")).hasSize(2);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(idsAfterMarker(recipient)).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void selfActionIsAcceptedDroppedAndCounted() {
		String recipient = "u-" + UUID.randomUUID();
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), recipient);
		event.put("actor", Map.of("id", recipient, "handle", "me"));
		double before = counter("herald.ingest.events.dropped", "reason", "self_action");
		var response = post("/v1/events", event);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(body(response).get("accepted")).isEmpty();
		assertThat(body(response).get("dropped").get(0).get("reason").asString()).isEqualTo("self_action");
		assertThat(counter("herald.ingest.events.dropped", "reason", "self_action")).isEqualTo(before + 1);
		assertThat(idsAfterMarker(recipient)).isEmpty();
	}

	/**
	 * The ids of every event published for {@code recipient} before a marker event sent
	 * now: the marker goes to the same partition, so once it arrived, so did they.
	 */
	private List<String> idsAfterMarker(String recipient) {
		String marker = "marker-" + UUID.randomUUID();
		assertThat(post("/v1/events", reaction(marker, recipient)).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(recordsOf(recipient)).anyMatch((r) -> r.value().getEventId().equals(marker)));
		return recordsOf(recipient).stream()
			.map((record) -> record.value().getEventId())
			.filter((id) -> !id.equals(marker))
			.toList();
	}

	static ConsumerRecord<String, SocialEvent> awaitOne(String recipient) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recordsOf(recipient)).isNotEmpty());
		return recordsOf(recipient).getFirst();
	}

	static List<ConsumerRecord<String, SocialEvent>> recordsOf(String recipient) {
		return topic.records().stream().filter((record) -> recipient.equals(record.key())).toList();
	}

}
