package dev.herald.digest.emaillog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.herald.digest.recipients.RecipientErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the {@code email_log}: the intent first, then every attempt and the outcome.
 */
@Repository
public class EmailLog {

	private static final String INSERT = """
			INSERT INTO email_log (digest_id, user_id, kind, status, recipient, subject, item_ids, message_id, created_at, updated_at,
			                       instance_id, run_id)
			VALUES (:digestId, :userId, :kind, 'queued', :recipient, :subject, :itemIds, :messageId, :now, :now, :instanceId, :runId)
			""";

	private static final String LOCK_STALE = """
			SELECT digest_id, user_id, status FROM email_log
			WHERE status IN ('queued', 'sending') AND updated_at < ?
			ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED
			""";

	private static final String LOCK_LEFT_BY_EARLIER_RUN = """
			SELECT digest_id, user_id, status FROM email_log
			WHERE status IN ('queued', 'sending') AND instance_id = ? AND run_id <> ?
			ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED
			""";

	private final JdbcClient jdbc;

	private final InstanceRun run;

	EmailLog(JdbcClient jdbc, InstanceRun run) {
		this.jdbc = jdbc;
		this.run = run;
	}

	public void recordIntent(EmailIntent intent, Instant now) {
		this.jdbc.sql(INSERT)
			.param("digestId", intent.digestId())
			.param("userId", intent.userId())
			.param("kind", intent.kind().value())
			.param("recipient", intent.recipient())
			.param("subject", intent.subject())
			.param("itemIds", intent.itemIds().toArray(String[]::new))
			.param("messageId", intent.messageId())
			.param("now", Timestamp.from(now))
			.param("instanceId", this.run.instanceId())
			.param("runId", this.run.runId())
			.update();
	}

	/** An SMTP attempt starts: counted, and marked in flight before it can succeed. */
	public void markSending(UUID digestId, Instant now) {
		this.jdbc
			.sql("UPDATE email_log SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE digest_id = ?")
			.param(Timestamp.from(now))
			.param(digestId)
			.update();
	}

	/** The attempt failed and the server did not take the message. */
	public void markAttemptFailed(UUID digestId, String reason, Instant now) {
		update(digestId, DeliveryStatus.QUEUED, reason, now);
	}

	public void markSent(UUID digestId, Instant now) {
		this.jdbc
			.sql("UPDATE email_log SET status = 'sent', sent_at = :now, updated_at = :now WHERE digest_id = :digestId")
			.param("now", Timestamp.from(now))
			.param("digestId", digestId)
			.update();
	}

	public void markFailed(UUID digestId, String reason, Instant now) {
		update(digestId, DeliveryStatus.FAILED, reason, now);
	}

	public void markUnknown(UUID digestId, String reason, Instant now) {
		update(digestId, DeliveryStatus.UNKNOWN, reason, now);
	}

	/** Locks e-mails queued or sending without progress since {@code before}. */
	public List<StaleEmail> lockStale(Instant before, int limit) {
		return this.jdbc.sql(LOCK_STALE).param(Timestamp.from(before)).param(limit).query(EmailLog::stale).list();
	}

	/**
	 * Locks e-mails still queued or sending that an earlier run of this instance wrote:
	 * that run is gone (see {@link InstanceRun}). None when this instance has no name.
	 */
	public List<StaleEmail> lockLeftByEarlierRun(int limit) {
		if (this.run.instanceId() == null) {
			return List.of();
		}
		return this.jdbc.sql(LOCK_LEFT_BY_EARLIER_RUN)
			.param(this.run.instanceId())
			.param(this.run.runId())
			.param(limit)
			.query(EmailLog::stale)
			.list();
	}

	private static StaleEmail stale(ResultSet rs, int row) throws SQLException {
		return new StaleEmail(rs.getObject("digest_id", UUID.class), rs.getString("user_id"),
				DeliveryStatus.parse(rs.getString("status")).orElseThrow());
	}

	public int deleteFinishedBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM email_log WHERE created_at < ? AND status NOT IN ('queued', 'sending')")
			.param(Timestamp.from(before))
			.update();
	}

	/** An erased user's address leaves the log; the ids and outcomes stay for audit. */
	@EventListener
	void on(RecipientErased erased) {
		this.jdbc.sql("UPDATE email_log SET recipient = NULL WHERE user_id = ?").param(erased.userId()).update();
	}

	private void update(UUID digestId, DeliveryStatus status, String reason, Instant now) {
		this.jdbc.sql(
				"UPDATE email_log SET status = :status, last_error = :reason, updated_at = :now WHERE digest_id = :digestId")
			.param("status", status.value())
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.param("digestId", digestId)
			.update();
	}

}
