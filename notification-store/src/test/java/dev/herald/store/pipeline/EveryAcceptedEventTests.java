package dev.herald.store.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.testinfra.AcceptedEvents;
import dev.herald.testinfra.RecordCollector;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every shape of event ingest accepts ({@link AcceptedEvents}: each kind, anonymous and
 * known actors, every optional part present or absent), published as Avro directly: the
 * store applies each one (its id is claimed) and dead-letters none. The same events
 * through ingest are the e2e {@code EveryAcceptedEventEndToEndTests}.
 */
class EveryAcceptedEventTests extends StoreIntegrationTest {

	EveryAcceptedEventTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void theStoreAppliesEveryEventIngestWouldAcceptAndDeadLettersNone() {
		String prefix = "every-" + UUID.randomUUID();
		List<SocialEvent> events = AcceptedEvents.every(prefix);
		try (RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.SOCIAL_EVENTS.deadLetter())) {
			events.forEach((event) -> kafka.send(Topics.SOCIAL_EVENTS, event.getRecipientId(), event));
			String[] ids = events.stream().map(SocialEvent::getEventId).toArray(String[]::new);
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(
						() -> assertThat(this.jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ANY(?)")
							.param(ids)
							.query(Integer.class)
							.single()).isEqualTo(events.size()));
			assertThat(deadLetters.records()).extracting((r) -> new String(r.key(), StandardCharsets.UTF_8))
				.noneMatch((key) -> key.startsWith(prefix));
		}
	}

}
