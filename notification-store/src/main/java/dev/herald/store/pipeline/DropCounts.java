package dev.herald.store.pipeline;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code drop_counts}: dropped events per UTC day and reason, added once per committed
 * batch, so the figures survive restarts and add up across instances.
 */
@Repository
public class DropCounts {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	DropCounts(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	void add(Map<DropReason, Integer> drops) {
		if (drops.isEmpty()) {
			return;
		}
		Date today = Date.valueOf(LocalDate.now(ZoneOffset.UTC));
		this.template.batchUpdate("""
				INSERT INTO drop_counts (day, reason, count) VALUES (?, ?, ?)
				ON CONFLICT (day, reason) DO UPDATE SET count = drop_counts.count + EXCLUDED.count""",
				drops.entrySet().stream().map((e) -> new Object[] { today, e.getKey().tag(), e.getValue() }).toList());
	}

	/** Drops per reason (every reason, zero included) from {@code since} on. */
	public Map<String, Long> since(LocalDate since) {
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
