package dev.herald.store.admin;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.herald.store.admin.AdminDtos.DayStats;
import dev.herald.store.admin.AdminDtos.Unread;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts over {@code notifications} and {@code user_state}.
 */
@Repository
class StatsQueries {

	private final JdbcClient jdbc;

	StatsQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Created and read per UTC day and type from {@code since} on. */
	List<DayStats> days(LocalDate since) {
		Timestamp from = Timestamp.from(since.atStartOfDay(ZoneOffset.UTC).toInstant());
		return this.jdbc.sql("""
				WITH created AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, type, count(*) AS n
				FROM notifications WHERE created_at >= ? GROUP BY 1, 2),
				read AS (SELECT (read_at AT TIME ZONE 'UTC')::date AS day, type, count(*) AS n
				FROM notifications WHERE read_at >= ? GROUP BY 1, 2)
				SELECT coalesce(c.day, r.day), coalesce(c.type, r.type), coalesce(c.n, 0), coalesce(r.n, 0)
				FROM created c FULL JOIN read r ON c.day = r.day AND c.type = r.type ORDER BY 1, 2""")
			.params(from, from)
			.query((rs, n) -> new DayStats(rs.getObject(1, Date.class).toLocalDate(), rs.getString(2), rs.getLong(3),
					rs.getLong(4)))
			.list();
	}

	Unread unread() {
		return this.jdbc
			.sql("SELECT coalesce(sum(unread_count), 0), count(*) FILTER (WHERE unread_count > 0) FROM user_state")
			.query((rs, n) -> new Unread(rs.getLong(1), rs.getLong(2)))
			.single();
	}

}
