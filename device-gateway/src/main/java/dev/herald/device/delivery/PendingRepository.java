package dev.herald.device.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code pending_message} table: messages waiting for a player's interval to end or
 * its quiet hours to pass. One row per notification, so an update of a waiting
 * notification (or a redelivered record) does not count twice.
 */
@Repository
class PendingRepository {

	private final JdbcClient jdbc;

	PendingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(String playerKey, String notificationId, String message, boolean held, Instant now) {
		this.jdbc.sql("""
				INSERT INTO pending_message (player_key, notification_id, message, held, added_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (player_key, notification_id) DO UPDATE SET message = EXCLUDED.message,
					held = pending_message.held OR EXCLUDED.held
				""")
			.params(playerKey, notificationId, message, held, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
	}

	boolean any(String playerKey) {
		return this.jdbc.sql("SELECT count(*) FROM pending_message WHERE player_key = ?")
			.param(playerKey)
			.query(Integer.class)
			.single() > 0;
	}

	List<Pending> list(String playerKey) {
		return this.jdbc.sql("SELECT message, held FROM pending_message WHERE player_key = ? ORDER BY added_at")
			.param(playerKey)
			.query((rs, row) -> new Pending(rs.getString("message"), rs.getBoolean("held")))
			.list();
	}

	void clear(String playerKey) {
		this.jdbc.sql("DELETE FROM pending_message WHERE player_key = ?").param(playerKey).update();
	}

	/** Drops waiting notifications the user read or deleted elsewhere. */
	void forget(String userId, List<String> notificationIds) {
		this.jdbc.sql("""
				DELETE FROM pending_message m USING player p
				WHERE p.player_key = m.player_key AND p.user_id = ? AND m.notification_id = ANY (?)
				""").params(userId, notificationIds.toArray(String[]::new)).update();
	}

	void forgetAll(String userId) {
		this.jdbc
			.sql("DELETE FROM pending_message m USING player p WHERE p.player_key = m.player_key AND p.user_id = ?")
			.param(userId)
			.update();
	}

	/**
	 * A waiting message as JSON, and whether quiet hours held it.
	 */
	record Pending(String message, boolean held) {

	}

}
