package dev.herald.store.preferences;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.herald.schema.DigestFrequency;
import dev.herald.schema.NotificationType;
import dev.herald.store.preferences.Preferences.Channels;
import dev.herald.store.preferences.Preferences.Digest;
import dev.herald.store.preferences.Preferences.QuietHours;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code preferences} and {@code preference_types}, many users in two
 * queries. Writers of one user serialise on {@link #lock(String)}.
 */
@Repository
public class PreferencesRepository {

	private static final String UPSERT = """
			INSERT INTO preferences (user_id, digest_frequency, digest_send_hour, digest_weekday,
			    digest_minimum_unread, quiet_start, quiet_end, time_zone, locale, muted_actors, muted_content,
			    aggregation, unsubscribed_from, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?, date_trunc('milliseconds', clock_timestamp()))
			ON CONFLICT (user_id) DO UPDATE SET digest_frequency = EXCLUDED.digest_frequency,
			    digest_send_hour = EXCLUDED.digest_send_hour, digest_weekday = EXCLUDED.digest_weekday,
			    digest_minimum_unread = EXCLUDED.digest_minimum_unread, quiet_start = EXCLUDED.quiet_start,
			    quiet_end = EXCLUDED.quiet_end, time_zone = EXCLUDED.time_zone, locale = EXCLUDED.locale,
			    muted_actors = EXCLUDED.muted_actors, muted_content = EXCLUDED.muted_content,
			    aggregation = EXCLUDED.aggregation, unsubscribed_from = EXCLUDED.unsubscribed_from,
			    updated_at = greatest(EXCLUDED.updated_at, preferences.updated_at)
			RETURNING updated_at""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	public PreferencesRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	public Preferences find(String userId) {
		return findAll(List.of(userId)).get(userId);
	}

	/** Preferences of each user; defaults for those without a row. */
	public Map<String, Preferences> findAll(Collection<String> userIds) {
		String[] ids = userIds.stream().distinct().toArray(String[]::new);
		Map<String, Map<NotificationType, Channels>> types = types(ids);
		Map<String, Preferences> result = new HashMap<>();
		this.jdbc.sql("SELECT * FROM preferences WHERE user_id = ANY(?::text[])")
			.param(ids)
			.query((rs, n) -> result.put(rs.getString("user_id"), map(rs, types)))
			.list();
		for (String id : ids) {
			result.computeIfAbsent(id, Preferences::defaults);
		}
		return result;
	}

	/**
	 * Locks the user's preferences until the transaction ends (an advisory lock, so it
	 * works before the row exists): their changes enter the outbox in commit order.
	 */
	void lock(String userId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('herald_preferences:' || ?, 0))")
			.param(userId)
			.query(Object.class)
			.list();
	}

	/** The stored row's bookkeeping, empty for a user without a row. */
	Optional<Subscription> subscription(String userId) {
		return this.jdbc.sql("SELECT created_at, unsubscribed_from FROM preferences WHERE user_id = ?")
			.param(userId)
			.query((rs, n) -> new Subscription(rs.getObject(1, OffsetDateTime.class).toInstant(),
					(rs.getString(2) != null) ? DigestFrequency.valueOf(rs.getString(2)) : null))
			.optional();
	}

	/**
	 * Writes the whole preferences (creating the row); returns them with their new
	 * {@code updatedAt}.
	 */
	Preferences save(Preferences preferences, DigestFrequency unsubscribedFrom) {
		Digest digest = preferences.digest();
		QuietHours quiet = preferences.quietHours();
		OffsetDateTime updatedAt = this.jdbc.sql(UPSERT)
			.params(preferences.userId(), digest.frequency().name(), digest.sendHour(), digest.weekday(),
					digest.minimumUnread(), (quiet != null) ? quiet.start() : null,
					(quiet != null) ? quiet.end() : null, preferences.timeZone(), preferences.locale(),
					preferences.mutedActors().toArray(String[]::new), preferences.mutedContent().toArray(String[]::new),
					preferences.aggregation(), (unsubscribedFrom != null) ? unsubscribedFrom.name() : null)
			.query(OffsetDateTime.class)
			.single();
		this.jdbc.sql("DELETE FROM preference_types WHERE user_id = ?").param(preferences.userId()).update();
		List<Object[]> rows = preferences.types()
			.entrySet()
			.stream()
			.map((e) -> new Object[] { preferences.userId(), e.getKey().name(), e.getValue().inApp(),
					e.getValue().device(), e.getValue().email(), e.getValue().webPush() })
			.toList();
		this.template.batchUpdate(
				"INSERT INTO preference_types (user_id, type, in_app, device, email, web_push) VALUES (?, ?, ?, ?, ?, ?)",
				rows);
		return preferences.withUpdatedAt(updatedAt.toInstant());
	}

	/** Removes a user's preferences (erasure). */
	void delete(String userId) {
		this.jdbc.sql("DELETE FROM preferences WHERE user_id = ?").param(userId).update();
	}

	private Map<String, Map<NotificationType, Channels>> types(String[] ids) {
		Map<String, Map<NotificationType, Channels>> types = new HashMap<>();
		this.jdbc.sql("SELECT * FROM preference_types WHERE user_id = ANY(?::text[])").param(ids).query((rs, n) -> {
			NotificationType type = NotificationType.valueOf(rs.getString("type"));
			return types.computeIfAbsent(rs.getString("user_id"), (u) -> new EnumMap<>(NotificationType.class))
				.put(type, new Channels(rs.getBoolean("in_app"), rs.getBoolean("device"), rs.getBoolean("email"),
						rs.getBoolean("web_push")));
		}).list();
		return types;
	}

	private static Preferences map(ResultSet rs, Map<String, Map<NotificationType, Channels>> types)
			throws SQLException {
		String userId = rs.getString("user_id");
		Digest digest = new Digest(DigestFrequency.valueOf(rs.getString("digest_frequency")),
				rs.getInt("digest_send_hour"), rs.getInt("digest_weekday"), rs.getInt("digest_minimum_unread"));
		LocalTime quietStart = rs.getObject("quiet_start", LocalTime.class);
		LocalTime quietEnd = rs.getObject("quiet_end", LocalTime.class);
		QuietHours quiet = (quietStart != null && quietEnd != null) ? new QuietHours(quietStart, quietEnd) : null;
		return new Preferences(userId, types.getOrDefault(userId, Map.of()), digest, quiet, rs.getString("time_zone"),
				rs.getString("locale"), strings(rs.getArray("muted_actors")), strings(rs.getArray("muted_content")),
				rs.getBoolean("aggregation"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static Set<String> strings(Array array) throws SQLException {
		return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
	}

	/**
	 * What the row records besides the preferences.
	 *
	 * @param createdAt when the row was created: tokens issued before it are refused
	 * @param unsubscribedFrom the frequency a one-click unsubscribe turned off, or null
	 */
	record Subscription(Instant createdAt, DigestFrequency unsubscribedFrom) {

	}

}
