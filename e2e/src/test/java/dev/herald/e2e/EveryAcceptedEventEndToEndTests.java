package dev.herald.e2e;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.devstack.HeraldServices;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.AcceptedEvents;
import dev.herald.testinfra.RecordCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every shape of event ingest accepts ({@link AcceptedEvents}: each kind, anonymous and
 * known actors, every optional part present or absent, critical or not) goes in through
 * ingest: ingest answers 202 for each, and the store applies each one (its id is claimed)
 * and dead-letters none.
 */
class EveryAcceptedEventEndToEndTests {

	private static final int BATCH = 100;

	private final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	@Test
	void everyEventIngestAcceptsIsAppliedByTheStoreAndNoneIsDeadLettered() {
		String prefix = "every-" + UUID.randomUUID();
		List<SocialEvent> events = AcceptedEvents.every(prefix);
		try (RecordCollector<byte[], byte[]> deadLetters = Herald.stack()
			.infrastructure()
			.kafka()
			.collect(Topics.SOCIAL_EVENTS.deadLetter())) {
			for (int from = 0; from < events.size(); from += BATCH) {
				List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + BATCH))
					.stream()
					.map(AcceptedEvents::asRequest)
					.toList();
				Api.Response answer = this.ingest.post("/v1/events:batch", Map.of("events", batch));
				assertThat(answer.status()).as(answer.body()).isEqualTo(202);
			}
			String[] ids = events.stream().map(SocialEvent::getEventId).toArray(String[]::new);
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(claimed(ids)).isEqualTo(events.size()));
			assertThat(deadLetters.records()).extracting((r) -> new String(r.key(), StandardCharsets.UTF_8))
				.noneMatch((key) -> key.startsWith(prefix));
		}
	}

	private static int claimed(String[] ids) {
		try (Connection connection = Herald.stack().infrastructure().database().dataSource().getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM store.processed_events WHERE event_id = ANY(?)")) {
			statement.setArray(1, connection.createArrayOf("text", ids));
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
