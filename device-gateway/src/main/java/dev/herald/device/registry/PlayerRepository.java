package dev.herald.device.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code player} table.
 */
@Repository
public class PlayerRepository {

	private static final String COLUMNS = "player_key, user_id, name, enabled, quiet_start, quiet_end, "
			+ "min_interval_seconds, created_at, updated_at";

	private static final String UPSERT = """
			INSERT INTO player (%s) VALUES (:key, :user, :name, :enabled, :quietStart, :quietEnd, :interval, :now, :now)
			ON CONFLICT (player_key) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled,
				quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
				min_interval_seconds = EXCLUDED.min_interval_seconds, updated_at = EXCLUDED.updated_at
			WHERE player.user_id = EXCLUDED.user_id
			RETURNING %s, (xmax = 0) AS created
			""".formatted(COLUMNS, COLUMNS);

	private final JdbcClient jdbc;

	PlayerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Player> findByUser(String userId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM player WHERE user_id = ? ORDER BY player_key")
			.param(userId)
			.query(PlayerRepository::player)
			.list();
	}

	/**
	 * The enabled players of these owners, per owner in key order, in one query; owners
	 * without any are absent.
	 */
	public Map<String, List<Player>> findEnabledByUsers(Collection<String> userIds) {
		Map<String, List<Player>> byUser = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT " + COLUMNS + " FROM player WHERE user_id = ANY(?) AND enabled ORDER BY user_id, player_key")
			.param(userIds.toArray(String[]::new))
			.query(PlayerRepository::player)
			.list()
			.forEach((player) -> byUser.computeIfAbsent(player.userId(), (id) -> new ArrayList<>()).add(player));
		return byUser;
	}

	public Optional<Player> findByKey(String playerKey) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM player WHERE player_key = ?")
			.param(playerKey)
			.query(PlayerRepository::player)
			.optional();
	}

	/**
	 * Inserts the player or updates it if the same user owns it.
	 * @return whether it was created, or empty when another user owns the key
	 */
	Optional<Saved> save(Player player, Instant now) {
		QuietHours quiet = player.quietHours();
		return this.jdbc.sql(UPSERT)
			.param("key", player.playerKey())
			.param("user", player.userId())
			.param("name", player.name())
			.param("enabled", player.enabled())
			.param("quietStart", (quiet != null) ? quiet.start() : null)
			.param("quietEnd", (quiet != null) ? quiet.end() : null)
			.param("interval", player.minIntervalSeconds())
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.query((rs, row) -> new Saved(player(rs, row), rs.getBoolean("created")))
			.optional();
	}

	boolean delete(String userId, String playerKey) {
		return this.jdbc.sql("DELETE FROM player WHERE user_id = ? AND player_key = ?")
			.params(userId, playerKey)
			.update() > 0;
	}

	List<String> deleteAllOf(String userId) {
		return this.jdbc.sql("DELETE FROM player WHERE user_id = ? RETURNING player_key")
			.param(userId)
			.query(String.class)
			.list();
	}

	private static Player player(ResultSet rs, int row) throws SQLException {
		return new Player(rs.getString("player_key"), rs.getString("user_id"), rs.getString("name"),
				rs.getBoolean("enabled"),
				QuietHours.ofNullable(rs.getObject("quiet_start", LocalTime.class),
						rs.getObject("quiet_end", LocalTime.class)),
				rs.getInt("min_interval_seconds"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	/** A saved player and whether the save created it. */
	record Saved(Player player, boolean created) {

	}

}
