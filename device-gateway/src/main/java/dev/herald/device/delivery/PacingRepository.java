package dev.herald.device.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code player_pacing} table. Rows are locked while a player's messages are decided,
 * so the listener and the scheduler (on any instance) never interleave for one player.
 */
@Repository
class PacingRepository {

	private static final String SELECT = "SELECT player_key, last_sent_at, summary_id, release_at FROM player_pacing "
			+ "WHERE player_key = ? ";

	private final JdbcClient jdbc;

	PacingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the row if needed and locks it. */
	PacingState lock(String playerKey) {
		this.jdbc.sql("INSERT INTO player_pacing (player_key) VALUES (?) ON CONFLICT DO NOTHING")
			.param(playerKey)
			.update();
		return this.jdbc.sql(SELECT + "FOR UPDATE").param(playerKey).query(PacingRepository::state).single();
	}

	/** Locks the row unless another transaction holds it. */
	Optional<PacingState> tryLock(String playerKey) {
		return this.jdbc.sql(SELECT + "FOR UPDATE SKIP LOCKED")
			.param(playerKey)
			.query(PacingRepository::state)
			.optional();
	}

	/** Players whose folded or held messages are due, oldest first. */
	List<String> due(Instant now, int limit) {
		return this.jdbc.sql("SELECT player_key FROM player_pacing WHERE release_at <= ? ORDER BY release_at LIMIT ?")
			.params(timestamp(now), limit)
			.query(String.class)
			.list();
	}

	/** A message went out directly; whatever waits keeps waiting. */
	void sentAt(String playerKey, Instant sentAt) {
		this.jdbc.sql("UPDATE player_pacing SET last_sent_at = ? WHERE player_key = ?")
			.params(timestamp(sentAt), playerKey)
			.update();
	}

	/** What waited went out. */
	void markSent(String playerKey, Instant sentAt) {
		this.jdbc
			.sql("UPDATE player_pacing SET last_sent_at = ?, summary_id = NULL, release_at = NULL "
					+ "WHERE player_key = ?")
			.params(timestamp(sentAt), playerKey)
			.update();
	}

	/** Something waits: release it no earlier than {@code releaseAt}. */
	void defer(String playerKey, Instant releaseAt) {
		this.jdbc.sql("""
				UPDATE player_pacing SET summary_id = coalesce(summary_id, gen_random_uuid()),
					release_at = greatest(release_at, ?)
				WHERE player_key = ?
				""").params(timestamp(releaseAt), playerKey).update();
	}

	/** Nothing waits any more. */
	void clearRelease(String playerKey) {
		this.jdbc.sql("UPDATE player_pacing SET summary_id = NULL, release_at = NULL WHERE player_key = ?")
			.param(playerKey)
			.update();
	}

	/**
	 * Quiet hours still run or the interval is not over: try again at {@code releaseAt}.
	 */
	void postpone(String playerKey, Instant releaseAt) {
		this.jdbc.sql("UPDATE player_pacing SET release_at = ? WHERE player_key = ?")
			.params(timestamp(releaseAt), playerKey)
			.update();
	}

	private static PacingState state(ResultSet rs, int row) throws SQLException {
		return new PacingState(rs.getString("player_key"), instant(rs, "last_sent_at"),
				rs.getObject("summary_id", UUID.class), instant(rs, "release_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
