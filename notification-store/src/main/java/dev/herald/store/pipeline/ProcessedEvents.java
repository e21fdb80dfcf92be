package dev.herald.store.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code processed_events} and {@code actor_rates}: what the pipeline remembers to stay
 * idempotent and to cap floods.
 */
@Repository
class ProcessedEvents {

	private static final String RATE_KEY_SEPARATOR = "\u0000";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	ProcessedEvents(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Records the event ids; returns those not seen before. */
	Set<String> claim(List<String> eventIds) {
		return new HashSet<>(this.jdbc.sql("""
				INSERT INTO processed_events (event_id) SELECT unnest(?::text[])
				ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
			.param(eventIds.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/**
	 * This hour's notification counts for each pair of a recipient and an actor
	 * ({@code userIds[i]}, {@code actorIds[i]}), by {@link #rateKey}: one index probe per
	 * pair (a lateral look-up, so that the planner cannot choose to scan the whole hour
	 * instead, as it did with a join), not one per recipient and actor.
	 */
	Map<String, Integer> actorHours(List<String> userIds, List<String> actorIds) {
		Map<String, Integer> counts = new HashMap<>();
		this.jdbc.sql("""
				SELECT p.user_id, p.actor_id, r.count FROM unnest(?::text[], ?::text[]) AS p (user_id, actor_id)
				CROSS JOIN LATERAL (SELECT count FROM actor_rates
					WHERE user_id = p.user_id AND actor_id = p.actor_id AND hour = date_trunc('hour', now())
					LIMIT 1) r""")
			.params(userIds.toArray(String[]::new), actorIds.toArray(String[]::new))
			.query((rs, n) -> counts.put(rateKey(rs.getString(1), rs.getString(2)), rs.getInt(3)))
			.list();
		return counts;
	}

	/** Saves this hour's counts; the recipients' ledger locks make the counts current. */
	void saveActorHours(Map<String, Integer> counts) {
		this.template.batchUpdate("""
				INSERT INTO actor_rates (user_id, actor_id, hour, count) VALUES (?, ?, date_trunc('hour', now()), ?)
				ON CONFLICT (user_id, actor_id, hour) DO UPDATE SET count = EXCLUDED.count""",
				counts.entrySet().stream().map((entry) -> {
					String[] key = entry.getKey().split(RATE_KEY_SEPARATOR, 2);
					return new Object[] { key[0], key[1], entry.getValue() };
				}).toList());
	}

	static String rateKey(String userId, String actorId) {
		return userId + RATE_KEY_SEPARATOR + actorId;
	}

	void forgetUser(String userId) {
		this.jdbc.sql("DELETE FROM actor_rates WHERE user_id = ? OR actor_id = ?").params(userId, userId).update();
	}

}
