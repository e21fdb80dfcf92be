package dev.herald.store.outbox;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.support.tracing.TraceContexts;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event's trace goes through the store: the change it causes keeps the
 * {@code traceparent} of the event's span in the outbox row, and the relay publishes the
 * change to {@code notifications.v1} with a {@code traceparent} of the same trace (its
 * own span, a child). Tracing's default records nothing (probability 0), and the ids
 * travel all the same.
 */
class TraceParentTests extends StoreIntegrationTest {

	private static final RecordCollector<String, NotificationChange> changes = kafka.collect(Topics.NOTIFICATIONS);

	TraceParentTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@AfterAll
	static void stopCollecting() {
		changes.close();
	}

	@Test
	void theOutboxCarriesTheEventsTraceToNotificationsV1() throws Exception {
		String user = newUser();
		String traceId = hex(16);
		String upstreamSpan = hex(8);
		sendTraced(Events.reaction(user, newUser(), "art-1", "🔥"), "00-" + traceId + "-" + upstreamSpan + "-01");

		await().untilAsserted(() -> {
			List<String> stored = this.jdbc.sql("SELECT trace_parent FROM changes WHERE user_id = ?")
				.param(user)
				.query(String.class)
				.list();
			assertThat(stored).as("the event's span, a child of the record's context")
				.singleElement()
				.asString()
				.matches("00-" + traceId + "-[0-9a-f]{16}-0[01]")
				.doesNotContain(upstreamSpan);
			List<String> published = changes.records()
				.stream()
				.filter((record) -> user.equals(record.key()))
				.map((record) -> TraceContexts.traceParent(record.headers()))
				.toList();
			assertThat(published).as("the relay's span, in the same trace")
				.singleElement()
				.asString()
				.matches("00-" + traceId + "-[0-9a-f]{16}-0[01]")
				.isNotEqualTo(stored.get(0));
		});
	}

	private static void sendTraced(SocialEvent event, String traceParent) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		try (KafkaProducer<String, SocialEvent> producer = new KafkaProducer<>(config,
				Topics.SOCIAL_EVENTS.keySerde().serializer(), Topics.SOCIAL_EVENTS.valueSerde().serializer())) {
			ProducerRecord<String, SocialEvent> record = new ProducerRecord<>(Topics.SOCIAL_EVENTS.name(),
					event.getRecipientId(), event);
			record.headers().add(TraceContexts.TRACEPARENT, traceParent.getBytes(StandardCharsets.US_ASCII));
			producer.send(record).get();
		}
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
