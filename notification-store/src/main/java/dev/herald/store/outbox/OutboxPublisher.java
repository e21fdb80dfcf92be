package dev.herald.store.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.herald.schema.topic.Topics;
import dev.herald.support.tracing.TraceContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code changes} rows to {@code notifications.v1}, as stored and in id order,
 * without writing to any of them. A {@link Term} (one leadership of the relay) remembers
 * what it sent above a <em>floor</em>: every id at or below the floor has been sent or
 * never will exist. Ids come from a sequence, so a transaction that commits later may
 * hold a lower id than rows already visible; each scan therefore reads all its pages in
 * one snapshot (a repeatable-read transaction) and takes the transactions that may still
 * be writing in it: those the snapshot lists as in progress, and those that had an id
 * assigned at or above its {@code xmax} (PostgreSQL leaves those out of the list, and a
 * transaction that took a change id before a lower-numbered one committed is one of
 * them). The scan's own transaction id, taken after its snapshot, bounds that range. The
 * floor only moves past the highest id of a scan once every such transaction has ended.
 * Every writer of {@code changes} locks its users' {@code user_state} rows first, which
 * gives it a transaction id before it takes change ids and orders one user's changes by
 * id; one snapshot per scan then also sends each user's changes in seq order. Kafka's
 * acknowledgements move the persisted cursor ({@code outbox_cursor}); a new term starts
 * after it, so a crash publishes a few changes twice at worst, and consumers drop those
 * by seq.
 */
@Component
class OutboxPublisher {

	/**
	 * One page of changes above an id, with the transactions that may still write changes
	 * invisible to the snapshot it was read in: those in progress below its {@code xmax},
	 * and every id from {@code xmax} up to the reader's own (taken after the snapshot).
	 * Those running in another database (they cannot write changes) are left out, so that
	 * a long transaction elsewhere in the cluster does not hold the floor; one that ended
	 * between the snapshot and the look at {@code pg_stat_activity} stays in: only
	 * transactions known to be elsewhere are left out.
	 */
	private static final String READ = """
			WITH s AS (SELECT pg_current_snapshot() AS snap, pg_current_xact_id() AS reader)
			SELECT ARRAY(SELECT w.x::text::bigint FROM (
					SELECT pg_snapshot_xip(s.snap) AS x
					UNION ALL
					SELECT n::text::xid8 FROM generate_series(pg_snapshot_xmax(s.snap)::text::bigint,
						s.reader::text::bigint - 1) n) w
					WHERE xid(w.x) NOT IN (
						SELECT a.backend_xid FROM pg_stat_activity a
						WHERE a.backend_xid IS NOT NULL AND a.datname IS DISTINCT FROM current_database())),
				c.id, c.user_id, CASE WHEN c.id > ? THEN c.payload END,
				(extract(epoch FROM c.created_at) * 1000)::bigint, c.trace_parent
			FROM s LEFT JOIN LATERAL (SELECT id, user_id, payload, created_at, trace_parent FROM changes WHERE id > ?
				ORDER BY id LIMIT ?) c ON true
			ORDER BY c.id""";

	/**
	 * Scans kept while a long transaction holds the floor; beyond this the newest two
	 * merge (the merged one moves the floor only when both would).
	 */
	private static final int MAX_PENDING_SCANS = 64;

	private final JdbcClient jdbc;

	private final KafkaTemplate<String, byte[]> template;

	private final TransactionTemplate snapshot;

	private final RelayProperties properties;

	private final Counter published;

	private final Timer latency;

	private final TraceContexts traces;

	OutboxPublisher(JdbcClient jdbc, KafkaTemplate<String, byte[]> changesTemplate,
			PlatformTransactionManager transactions, RelayProperties properties, MeterRegistry registry,
			TraceContexts traces) {
		this.traces = traces;
		this.jdbc = jdbc;
		this.template = changesTemplate;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.properties = properties;
		this.published = Counter.builder("herald.store.relay.published")
			.description("Changes published to notifications.v1")
			.register(registry);
		this.latency = Timer.builder("herald.store.relay.latency")
			.description("From a change row being written to Kafka acknowledging it on notifications.v1")
			.publishPercentileHistogram()
			.register(registry);
	}

	/** Waits until Kafka answered every change sent so far. */
	void flush() {
		this.template.flush();
	}

	/** A new leadership: starts after the persisted cursor. */
	Term startTerm() {
		long cursor = this.jdbc.sql("SELECT published_through FROM outbox_cursor WHERE id = 1")
			.query(Long.class)
			.optional()
			.orElse(0L);
		return new Term(cursor);
	}

	/** What one leadership of the relay sent and what Kafka acknowledged. */
	final class Term {

		private final NavigableSet<Long> sentAboveFloor = new TreeSet<>();

		private final NavigableSet<Long> unacknowledged = new ConcurrentSkipListSet<>();

		private final Deque<Scan> scans = new ArrayDeque<>();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private long floor;

		private long highestSent;

		private long savedCursor;

		private Term(long cursor) {
			this.floor = cursor;
			this.highestSent = cursor;
			this.savedCursor = cursor;
		}

		/**
		 * Scans from the floor in one snapshot and sends every change not sent yet that
		 * is visible in it; returns how many.
		 * @throws IllegalStateException when an earlier send failed (start a new term)
		 */
		int publishNew() {
			throwIfFailed();
			Pass pass = OutboxPublisher.this.snapshot.execute((status) -> scan());
			advanceFloor(pass.highestSeen(), pass.inProgress());
			return pass.sent();
		}

		/** Reads every page above the floor (in the caller's snapshot) and sends them. */
		private Pass scan() {
			Set<Long> inProgress = new HashSet<>();
			int sent = 0;
			long after = this.floor;
			long highestSeen = this.floor;
			int read;
			do {
				Read page = read(after);
				inProgress.addAll(page.inProgress());
				sent += send(page.rows());
				read = page.rows().size();
				if (read > 0) {
					after = page.rows().get(read - 1).id();
					highestSeen = Math.max(highestSeen, after);
				}
			}
			while (read >= OutboxPublisher.this.properties.batchSize());
			return new Pass(sent, highestSeen, inProgress);
		}

		/**
		 * Persists how far Kafka acknowledged, when that moved.
		 * @return the persisted cursor
		 */
		long saveCursor() {
			Long lowestUnacknowledged = this.unacknowledged.isEmpty() ? null : this.unacknowledged.first();
			long acknowledged = (lowestUnacknowledged != null) ? Math.min(this.floor, lowestUnacknowledged - 1)
					: this.floor;
			if (acknowledged > this.savedCursor) {
				OutboxPublisher.this.jdbc
					.sql("UPDATE outbox_cursor SET published_through = greatest(published_through, ?) WHERE id = 1")
					.param(acknowledged)
					.update();
				this.savedCursor = acknowledged;
			}
			return this.savedCursor;
		}

		/** Sent ids above the floor still waiting for it: a long transaction holds it. */
		long floorLag() {
			return this.highestSent - this.floor;
		}

		private void throwIfFailed() {
			Throwable failed = this.failure.get();
			if (failed != null) {
				throw new IllegalStateException("Could not publish changes to " + Topics.NOTIFICATIONS.name(), failed);
			}
		}

		private Read read(long after) {
			List<Object[]> rows = OutboxPublisher.this.jdbc.sql(READ)
				.params(this.highestSent, after, OutboxPublisher.this.properties.batchSize())
				.query((rs, n) -> row(rs))
				.list();
			@SuppressWarnings("unchecked")
			List<Long> inProgress = (List<Long>) rows.get(0)[0];
			List<Row> changes = rows.stream().map((r) -> (Row) r[1]).filter((r) -> r != null).toList();
			return new Read(inProgress, changes);
		}

		/**
		 * Sends the rows not sent in this term, in id order; rows below the highest id
		 * sent come without their payload, which is read for those that were not sent (a
		 * transaction that committed after a higher id was sent).
		 */
		private int send(List<Row> rows) {
			List<Long> late = rows.stream()
				.filter((row) -> row.payload() == null && !this.sentAboveFloor.contains(row.id()))
				.map(Row::id)
				.toList();
			Map<Long, byte[]> payloads = late.isEmpty() ? Map.of() : payloads(late);
			int sent = 0;
			for (Row row : rows) {
				byte[] payload = (row.payload() != null) ? row.payload() : payloads.get(row.id());
				if (payload != null && this.sentAboveFloor.add(row.id())) {
					send(row, payload);
					sent++;
				}
			}
			return sent;
		}

		private Map<Long, byte[]> payloads(List<Long> ids) {
			Map<Long, byte[]> payloads = new HashMap<>();
			OutboxPublisher.this.jdbc.sql("SELECT id, payload FROM changes WHERE id = ANY(?)")
				.param(ids.toArray(Long[]::new))
				.query((rs, n) -> payloads.put(rs.getLong(1), rs.getBytes(2)))
				.list();
			return payloads;
		}

		private static Object[] row(ResultSet rs) throws SQLException {
			List<Long> inProgress = List.of((Long[]) rs.getArray(1).getArray());
			long id = rs.getLong(2);
			Row row = rs.wasNull() ? null
					: new Row(id, rs.getString(3), rs.getBytes(4), rs.getLong(5), rs.getString(6));
			return new Object[] { inProgress, row };
		}

		/**
		 * Sends one change in the trace of what wrote it: a relay span, child of the
		 * row's {@code traceparent}, whose own context goes in the record's header.
		 */
		private void send(Row row, byte[] payload) {
			long id = row.id();
			long writtenAt = row.writtenAt();
			this.unacknowledged.add(id);
			this.highestSent = Math.max(this.highestSent, id);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.NOTIFICATIONS.name(), row.userId(),
					payload);
			try (TraceContexts.Scope span = OutboxPublisher.this.traces.continueTrace("herald.store.relay",
					Span.Kind.PRODUCER, row.traceParent())) {
				String traceParent = OutboxPublisher.this.traces.currentTraceParent();
				if (traceParent != null) {
					record.headers().add(TraceContexts.TRACEPARENT, traceParent.getBytes(StandardCharsets.US_ASCII));
				}
				OutboxPublisher.this.template.send(record).whenComplete((result, ex) -> {
					if (ex != null) {
						this.failure.compareAndSet(null, ex);
						return;
					}
					this.unacknowledged.remove(id);
					OutboxPublisher.this.published.increment();
					OutboxPublisher.this.latency.record(Math.max(0, System.currentTimeMillis() - writtenAt),
							TimeUnit.MILLISECONDS);
				});
			}
		}

		/**
		 * After a complete scan from the floor: every earlier scan whose in-progress
		 * transactions have all ended is now fully seen (this scan read everything they
		 * wrote), so the floor moves past it; so does this scan when nothing was in
		 * progress during it.
		 */
		private void advanceFloor(long highestSeen, Set<Long> inProgress) {
			long floor = this.floor;
			for (Iterator<Scan> earlier = this.scans.iterator(); earlier.hasNext();) {
				Scan scan = earlier.next();
				if (Collections.disjoint(scan.inProgress(), inProgress)) {
					floor = Math.max(floor, scan.highestSeen());
					earlier.remove();
				}
			}
			if (inProgress.isEmpty()) {
				floor = Math.max(floor, highestSeen);
			}
			else {
				this.scans.add(new Scan(highestSeen, inProgress));
				if (this.scans.size() > MAX_PENDING_SCANS) {
					Scan newest = this.scans.pollLast();
					Scan older = this.scans.pollLast();
					Set<Long> both = new HashSet<>(older.inProgress());
					both.addAll(newest.inProgress());
					this.scans.add(new Scan(Math.max(newest.highestSeen(), older.highestSeen()), both));
				}
			}
			this.floor = floor;
			this.sentAboveFloor.headSet(floor, true).clear();
		}

	}

	/**
	 * A complete scan from the floor: the highest id it saw, and the transactions in
	 * progress during it, which may still add lower ids.
	 */
	private record Scan(long highestSeen, Set<Long> inProgress) {

	}

	/**
	 * One scan in one snapshot: how many changes it sent, the highest id it saw, and the
	 * transactions that may still write below that id.
	 */
	private record Pass(int sent, long highestSeen, Set<Long> inProgress) {

	}

	private record Read(List<Long> inProgress, List<Row> rows) {

	}

	private record Row(long id, String userId, byte[] payload, long writtenAt, String traceParent) {

	}

}
