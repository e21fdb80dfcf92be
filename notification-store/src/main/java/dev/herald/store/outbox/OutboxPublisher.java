package dev.herald.store.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaAcks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes one batch of unpublished changes, in id order, and marks them published in
 * the same transaction that locked them. A crash after the send and before the commit
 * publishes the batch again: consumers drop the repeats by seq.
 */
@Component
class OutboxPublisher {

	private static final Deserializer<NotificationChange> DECODER = Topics.NOTIFICATIONS.valueSerde().deserializer();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, NotificationChange> template;

	private final RelayProperties properties;

	private final Counter published;

	OutboxPublisher(JdbcClient jdbc, TransactionTemplate transactions,
			KafkaTemplate<String, NotificationChange> notificationsTemplate, RelayProperties properties,
			MeterRegistry registry) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.template = notificationsTemplate;
		this.properties = properties;
		this.published = Counter.builder("herald.store.relay.published")
			.description("Changes published to notifications.v1")
			.register(registry);
	}

	/** Publishes up to one batch; returns how many changes it published. */
	int publishBatch() {
		Integer count = this.transactions.execute((status) -> {
			List<Row> rows = this.jdbc.sql("""
					SELECT id, user_id, payload FROM changes WHERE published_at IS NULL ORDER BY id LIMIT ?
					FOR UPDATE""")
				.param(this.properties.batchSize())
				.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
				.list();
			if (!rows.isEmpty()) {
				send(rows);
				this.jdbc.sql("UPDATE changes SET published_at = now() WHERE id = ANY(?)")
					.param(rows.stream().map(Row::id).toArray(Long[]::new))
					.update();
			}
			return rows.size();
		});
		this.published.increment(count);
		return count;
	}

	private void send(List<Row> rows) {
		List<CompletableFuture<?>> sends = rows.stream()
			.<CompletableFuture<?>>map((row) -> this.template.send(Topics.NOTIFICATIONS.name(), row.userId(),
					DECODER.deserialize(Topics.NOTIFICATIONS.name(), row.payload())))
			.toList();
		try {
			KafkaAcks.await(sends, this.properties.sendTimeout());
		}
		catch (KafkaAcks.UnacknowledgedException ex) {
			throw new IllegalStateException("Could not publish changes to " + Topics.NOTIFICATIONS.name(), ex);
		}
	}

	private record Row(long id, String userId, byte[] payload) {

	}

}
