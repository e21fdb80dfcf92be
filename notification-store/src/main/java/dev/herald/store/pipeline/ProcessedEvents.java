package dev.herald.store.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code processed_events} and {@code actor_rates}: what the pipeline remembers to stay
 * idempotent and to cap floods.
 */
@Repository
class ProcessedEvents {

	private final JdbcClient jdbc;

	ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
	 * Counts one more notification by the actor for the recipient in the current hour.
	 */
	int countActorHour(String userId, String actorId) {
		return this.jdbc.sql("""
				INSERT INTO actor_rates (user_id, actor_id, hour, count) VALUES (?, ?, date_trunc('hour', now()), 1)
				ON CONFLICT (user_id, actor_id, hour) DO UPDATE SET count = actor_rates.count + 1 RETURNING count""")
			.params(userId, actorId)
			.query(Integer.class)
			.single();
	}

	void forgetUser(String userId) {
		this.jdbc.sql("DELETE FROM actor_rates WHERE user_id = ? OR actor_id = ?").params(userId, userId).update();
	}

}
