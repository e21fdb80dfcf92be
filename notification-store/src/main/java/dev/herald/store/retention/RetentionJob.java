package dev.herald.store.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import dev.herald.schema.ChangeKind;
import dev.herald.store.notification.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is older than the configured ages, one batch per transaction. Safe with
 * several instances: notification deletions lock the owners' ledgers first, so a row is
 * deleted (and its change emitted) once.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private static final Duration SPAM_WINDOW_KEPT = Duration.ofHours(2);

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final TransactionTemplate transactions;

	private final RetentionProperties properties;

	RetentionJob(JdbcClient jdbc, Ledger ledger, TransactionTemplate transactions, RetentionProperties properties) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${herald.store.retention.interval:1h}",
			fixedDelayString = "${herald.store.retention.interval:1h}")
	void scheduled() {
		if (this.properties.enabled()) {
			runOnce();
		}
	}

	/** Runs every deletion to the end; returns what it deleted. */
	public Result runOnce() {
		Instant now = Instant.now();
		long notifications = repeat(() -> deleteNotifications(now.minus(this.properties.notifications())));
		long changes = repeat(
				() -> deleteBatch("changes", "created_at < ? AND id <= (SELECT published_through FROM outbox_cursor)",
						now.minus(this.properties.changes())));
		long events = repeat(() -> deleteBatch("processed_events", "processed_at < ?",
				now.minus(this.properties.processedEvents())));
		long rates = repeat(() -> deleteBatch("actor_rates", "hour < ?", now.minus(SPAM_WINDOW_KEPT)));
		Result result = new Result(notifications, changes, events, rates);
		log.info("Retention deleted {}", result);
		return result;
	}

	private int deleteNotifications(Instant cutoff) {
		List<UUID> candidates = this.jdbc
			.sql("SELECT id FROM notifications WHERE created_at < ? ORDER BY created_at LIMIT ?")
			.params(Timestamp.from(cutoff), this.properties.batchSize())
			.query(UUID.class)
			.list();
		if (candidates.isEmpty()) {
			return 0;
		}
		this.transactions.executeWithoutResult((status) -> deleteLocked(candidates, cutoff));
		return candidates.size();
	}

	private void deleteLocked(List<UUID> candidates, Instant cutoff) {
		String[] ids = candidates.stream().map(UUID::toString).toArray(String[]::new);
		Ledger.Session session = this.ledger.open();
		session.lock(this.jdbc.sql("SELECT DISTINCT user_id FROM notifications WHERE id = ANY(?::uuid[])")
			.param(ids)
			.query(String.class)
			.list());
		Map<String, List<Deleted>> byUser = this.jdbc.sql(
				"DELETE FROM notifications WHERE id = ANY(?::uuid[]) AND created_at < ? RETURNING id, user_id, read, seen, archived")
			.params(ids, Timestamp.from(cutoff))
			.query((rs, n) -> new Deleted(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
					rs.getBoolean(5)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Deleted::userId, TreeMap::new, Collectors.toList()));
		byUser.forEach((userId, deleted) -> session.emit(userId, ChangeKind.DELETED, null,
				deleted.stream().map(Deleted::id).toList(),
				Ledger.Counts.NONE.minus(deleted.stream()
					.map((d) -> Ledger.Counts.of(d.read(), d.seen(), d.archived()))
					.reduce(Ledger.Counts.NONE, Ledger.Counts::plus)),
				List.of(), Instant.now()));
		session.flush();
	}

	private int deleteBatch(String table, String condition, Instant cutoff) {
		String sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + condition
				+ " LIMIT ? FOR UPDATE SKIP LOCKED)";
		return this.jdbc.sql(sql).params(Timestamp.from(cutoff), this.properties.batchSize()).update();
	}

	private long repeat(IntSupplier batch) {
		long total = 0;
		int deleted;
		do {
			deleted = batch.getAsInt();
			total += deleted;
		}
		while (deleted >= this.properties.batchSize());
		return total;
	}

	private record Deleted(String id, String userId, boolean read, boolean seen, boolean archived) {

	}

	/**
	 * Rows one run deleted.
	 *
	 * @param notifications notifications older than their retention
	 * @param changes published changes older than theirs
	 * @param processedEvents remembered event ids
	 * @param actorRates spam counters of past hours
	 */
	public record Result(long notifications, long changes, long processedEvents, long actorRates) {

	}

}
