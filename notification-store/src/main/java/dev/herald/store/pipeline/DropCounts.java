package dev.herald.store.pipeline;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * {@code drop_counts}: dropped events per UTC day and reason, so the figures survive
 * restarts and add up across instances. Committed batches add their drops here in memory;
 * they are written every {@code herald.store.pipeline.drop-counts-interval} (1 s) and
 * when the store stops, in a transaction of their own: a shared counter row updated
 * inside every batch would serialize the batches of all consumers. A {@code kill -9}
 * loses at most the last interval's drops, which are statistics only.
 */
@Repository
public class DropCounts implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DropCounts.class);

	private final JdbcClient jdbc;

	private final Map<DropReason, LongAdder> unsaved = new ConcurrentHashMap<>();

	DropCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(Map<DropReason, Integer> drops) {
		drops.forEach((reason, count) -> this.unsaved.computeIfAbsent(reason, (r) -> new LongAdder()).add(count));
	}

	/**
	 * Writes the drops counted since the last time; a failure keeps them for the next.
	 */
	@Scheduled(fixedDelayString = "${herald.store.pipeline.drop-counts-interval:1s}")
	void save() {
		Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
		this.unsaved.forEach((reason, count) -> {
			long taken = count.sumThenReset();
			if (taken > 0) {
				drops.put(reason, taken);
			}
		});
		if (drops.isEmpty()) {
			return;
		}
		Date today = Date.valueOf(LocalDate.now(ZoneOffset.UTC));
		List<String> reasons = drops.keySet().stream().map(DropReason::tag).toList();
		try {
			this.jdbc.sql("""
					INSERT INTO drop_counts (day, reason, count) SELECT ?, reason, n
					FROM unnest(?::text[], ?::bigint[]) AS d (reason, n)
					ON CONFLICT (day, reason) DO UPDATE SET count = drop_counts.count + EXCLUDED.count""")
				.params(today, reasons.toArray(String[]::new), drops.values().toArray(Long[]::new))
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("Could not save the dropped-event counts, keeping them for the next try: {}", ex.getMessage());
			drops.forEach((reason, count) -> this.unsaved.computeIfAbsent(reason, (r) -> new LongAdder()).add(count));
		}
	}

	@Override
	public void destroy() {
		save();
	}

	/** Drops per reason (every reason, zero included) from {@code since} on. */
	public Map<String, Long> since(LocalDate since) {
		save();
		Map<String, Long> counts = new LinkedHashMap<>();
		for (DropReason reason : DropReason.values()) {
			counts.put(reason.tag(), 0L);
		}
		this.jdbc.sql("SELECT reason, sum(count) FROM drop_counts WHERE day >= ? GROUP BY reason")
			.param(Date.valueOf(since))
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/** A fresh tally for one batch. */
	static Map<DropReason, Integer> tally() {
		return new EnumMap<>(DropReason.class);
	}

}
