package dev.herald.digest.emaillog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the log for the admin API: keyset pages over (created_at, digest_id), newest
 * first.
 */
@Repository
class EmailLogQuery {

	private final JdbcClient jdbc;

	EmailLogQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	EmailLogPage find(EmailLogFilter filter) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder sql = new StringBuilder("SELECT * FROM email_log WHERE TRUE");
		condition(sql, params, " AND user_id = :userId", "userId", filter.userId());
		condition(sql, params, " AND status = :status", "status",
				(filter.status() != null) ? filter.status().value() : null);
		condition(sql, params, " AND created_at >= :from", "from", timestamp(filter.from()));
		condition(sql, params, " AND created_at < :to", "to", timestamp(filter.to()));
		if (filter.after() != null) {
			sql.append(" AND (created_at, digest_id) < (:afterAt, :afterId)");
			params.put("afterAt", timestamp(filter.after().createdAt()));
			params.put("afterId", filter.after().digestId());
		}
		sql.append(" ORDER BY created_at DESC, digest_id DESC LIMIT :limit");
		params.put("limit", filter.limit() + 1);
		List<EmailLogEntry> rows = this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> map(rs)).list();
		return page(rows, filter.limit());
	}

	private static EmailLogPage page(List<EmailLogEntry> rows, int limit) {
		if (rows.size() <= limit) {
			return new EmailLogPage(rows, null);
		}
		EmailLogEntry last = rows.get(limit - 1);
		return new EmailLogPage(rows.subList(0, limit),
				new EmailLogFilter.Position(last.createdAt(), last.digestId()).encode());
	}

	private static void condition(StringBuilder sql, Map<String, Object> params, String clause, String name,
			Object value) {
		if (value != null) {
			sql.append(clause);
			params.put(name, value);
		}
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static EmailLogEntry map(ResultSet rs) throws SQLException {
		return new EmailLogEntry(rs.getObject("digest_id", UUID.class), rs.getString("user_id"), rs.getString("kind"),
				rs.getString("status"), rs.getString("recipient"), rs.getString("subject"),
				List.of((String[]) rs.getArray("item_ids").getArray()), rs.getInt("attempts"),
				rs.getString("last_error"), rs.getString("message_id"), instant(rs, "created_at"),
				instant(rs, "updated_at"), instant(rs, "sent_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
