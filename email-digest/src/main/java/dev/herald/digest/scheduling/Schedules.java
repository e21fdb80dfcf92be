package dev.herald.digest.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code schedules} table: a row exists while a user's next e-mail is due at some
 * time.
 */
@Repository
class Schedules {

	/**
	 * A due user that no other instance holds and that has no digest in flight, locked
	 * until the transaction ends.
	 */
	private static final String LOCK_NEXT_DUE = """
			SELECT s.user_id FROM schedules s
			WHERE s.next_due_at <= ?
			  AND NOT EXISTS (SELECT 1 FROM email_log l
			                  WHERE l.user_id = s.user_id AND l.kind = 'digest' AND l.status IN ('queued', 'sending'))
			ORDER BY s.next_due_at LIMIT 1
			FOR UPDATE OF s SKIP LOCKED
			""";

	/** Waits for a concurrent claim of the row, so a just-claimed user is rescheduled. */
	private static final String SET_IF_UNSET = """
			INSERT INTO schedules (user_id, next_due_at) VALUES (?, ?)
			ON CONFLICT (user_id) DO UPDATE SET next_due_at = schedules.next_due_at
			""";

	private static final String NO_LATER_THAN = """
			INSERT INTO schedules (user_id, next_due_at) VALUES (?, ?)
			ON CONFLICT (user_id) DO UPDATE SET next_due_at = LEAST(schedules.next_due_at, EXCLUDED.next_due_at)
			""";

	private static final String SET = """
			INSERT INTO schedules (user_id, next_due_at) VALUES (?, ?)
			ON CONFLICT (user_id) DO UPDATE SET next_due_at = EXCLUDED.next_due_at
			""";

	private final JdbcClient jdbc;

	Schedules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> lockNextDue(Instant now) {
		return this.jdbc.sql(LOCK_NEXT_DUE).param(Timestamp.from(now)).query(String.class).optional();
	}

	void set(String userId, Instant due) {
		this.jdbc.sql(SET).param(userId).param(Timestamp.from(due)).update();
	}

	void setIfUnset(String userId, Instant due) {
		this.jdbc.sql(SET_IF_UNSET).param(userId).param(Timestamp.from(due)).update();
	}

	void dueNoLaterThan(String userId, Instant due) {
		this.jdbc.sql(NO_LATER_THAN).param(userId).param(Timestamp.from(due)).update();
	}

	void clear(String userId) {
		this.jdbc.sql("DELETE FROM schedules WHERE user_id = ?").param(userId).update();
	}

}
