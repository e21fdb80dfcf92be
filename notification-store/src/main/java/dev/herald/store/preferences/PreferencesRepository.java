package dev.herald.store.preferences;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.herald.schema.DigestFrequency;
import dev.herald.schema.NotificationType;
import dev.herald.schema.TypeChannels;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@code preferences} and {@code preference_types}, many users in two queries.
 */
@Repository
public class PreferencesRepository {

	private final JdbcClient jdbc;

	public PreferencesRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Preferences find(String userId) {
		return findAll(List.of(userId)).get(userId);
	}

	/** Preferences of each user; defaults for those without a row. */
	public Map<String, Preferences> findAll(Collection<String> userIds) {
		String[] ids = userIds.stream().distinct().toArray(String[]::new);
		Map<String, Map<NotificationType, TypeChannels>> types = types(ids);
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

	/** Removes a user's preferences (erasure). */
	public void delete(String userId) {
		this.jdbc.sql("DELETE FROM preferences WHERE user_id = ?").param(userId).update();
	}

	private Map<String, Map<NotificationType, TypeChannels>> types(String[] ids) {
		Map<String, Map<NotificationType, TypeChannels>> types = new HashMap<>();
		this.jdbc.sql("SELECT * FROM preference_types WHERE user_id = ANY(?::text[])").param(ids).query((rs, n) -> {
			NotificationType type = NotificationType.valueOf(rs.getString("type"));
			return types.computeIfAbsent(rs.getString("user_id"), (u) -> new EnumMap<>(NotificationType.class))
				.put(type, new TypeChannels(type, rs.getBoolean("in_app"), rs.getBoolean("device"),
						rs.getBoolean("email")));
		}).list();
		return types;
	}

	private static Preferences map(ResultSet rs, Map<String, Map<NotificationType, TypeChannels>> types)
			throws SQLException {
		String userId = rs.getString("user_id");
		return new Preferences(userId, types.getOrDefault(userId, Map.of()),
				DigestFrequency.valueOf(rs.getString("digest_frequency")), rs.getString("locale"),
				strings(rs.getArray("muted_actors")), strings(rs.getArray("muted_content")),
				rs.getBoolean("aggregation"));
	}

	private static Set<String> strings(Array array) throws SQLException {
		return Set.copyOf(Arrays.asList((String[]) array.getArray()));
	}

}
