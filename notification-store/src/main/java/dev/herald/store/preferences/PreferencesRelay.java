package dev.herald.store.preferences;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaAcks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code preference_outbox} rows to {@code user-preferences.v1} in id order
 * (key: user id; value: the preferences or a tombstone) and deletes them once Kafka
 * acknowledged, in the transaction that read them; a transaction-scoped advisory lock
 * lets one instance publish at a time, so per-user order holds with several instances. A
 * crash between the acknowledgement and the commit publishes a row again (at least once;
 * the topic is compacted and consumers keep the newest {@code updatedAt}). Runs on its
 * own thread: woken by the change listener, and every {@code relay-safety-poll} anyway.
 */
@Component
class PreferencesRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PreferencesRelay.class);

	/** Advisory lock key of the publishing relay ("prefs" in ASCII). */
	private static final long PUBLISH_LOCK = 0x70726566_73L;

	private static final Deserializer<UserPreferences> DECODER = Topics.USER_PREFERENCES.valueSerde().deserializer();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, UserPreferences> template;

	private final PreferencesProperties properties;

	private final Counter published;

	private final AtomicBoolean wakeQueued = new AtomicBoolean();

	private volatile boolean running;

	private ScheduledExecutorService executor;

	PreferencesRelay(JdbcClient jdbc, TransactionTemplate transactions,
			KafkaTemplate<String, UserPreferences> userPreferencesTemplate, PreferencesProperties properties,
			MeterRegistry registry) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.template = userPreferencesTemplate;
		this.properties = properties;
		this.published = Counter.builder("herald.store.preferences.published")
			.description("Preference changes and tombstones published to user-preferences.v1")
			.register(registry);
	}

	@Override
	public synchronized void start() {
		if (this.running || !this.properties.relayEnabled()) {
			return;
		}
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("herald-preferences-relay").daemon().factory());
		this.running = true;
		long poll = this.properties.relaySafetyPoll().toMillis();
		this.executor.scheduleWithFixedDelay(this::drain, 0, poll, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Publishes what is waiting soon; many wake-ups while one is queued count once. */
	void wake() {
		if (!this.running || !this.wakeQueued.compareAndSet(false, true)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				this.wakeQueued.set(false);
				drain();
			});
		}
		catch (RejectedExecutionException ex) {
			this.wakeQueued.set(false);
		}
	}

	private void drain() {
		try {
			int count;
			do {
				count = publishBatch();
			}
			while (count >= this.properties.relayBatchSize() && this.running);
		}
		catch (RuntimeException ex) {
			log.warn("Publishing preference changes failed, retrying in {}: {}", this.properties.relaySafetyPoll(),
					ex.toString());
		}
	}

	/** Publishes up to one batch; returns how many rows it published. */
	int publishBatch() {
		Integer count = this.transactions.execute((status) -> {
			this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(PUBLISH_LOCK).query(Object.class).list();
			List<Row> rows = this.jdbc.sql("SELECT id, user_id, payload FROM preference_outbox ORDER BY id LIMIT ?")
				.param(this.properties.relayBatchSize())
				.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
				.list();
			if (!rows.isEmpty()) {
				send(rows);
				this.jdbc.sql("DELETE FROM preference_outbox WHERE id = ANY(?)")
					.param(rows.stream().map(Row::id).toArray(Long[]::new))
					.update();
			}
			return rows.size();
		});
		this.published.increment(count);
		return count;
	}

	private void send(List<Row> rows) {
		String topic = Topics.USER_PREFERENCES.name();
		List<CompletableFuture<?>> sends = rows.stream()
			.<CompletableFuture<?>>map((row) -> this.template.send(topic, row.userId(),
					(row.payload() != null) ? DECODER.deserialize(topic, row.payload()) : null))
			.toList();
		try {
			KafkaAcks.await(sends, this.properties.sendTimeout());
		}
		catch (KafkaAcks.UnacknowledgedException ex) {
			throw new IllegalStateException("Could not publish preferences to " + topic, ex);
		}
	}

	private record Row(long id, String userId, byte[] payload) {

	}

}
