package dev.herald.store.subscription;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code subscriptions}: every change is idempotent (following twice or leaving a topic
 * one does not follow changes nothing), so a change applied again after a redelivery is
 * harmless.
 */
@Repository
public class Subscriptions {

	private final JdbcClient jdbc;

	Subscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Subscribes the users; returns how many did not follow the topic before. */
	int subscribe(String topic, List<String> userIds) {
		return this.jdbc.sql("""
				INSERT INTO subscriptions (topic, user_id) SELECT ?, unnest(?::text[])
				ON CONFLICT (topic, user_id) DO NOTHING""").params(topic, userIds.toArray(String[]::new)).update();
	}

	/** Unsubscribes the users; returns how many followed the topic. */
	int unsubscribe(String topic, List<String> userIds) {
		return this.jdbc.sql("DELETE FROM subscriptions WHERE topic = ? AND user_id = ANY (?::text[])")
			.params(topic, userIds.toArray(String[]::new))
			.update();
	}

	/**
	 * The user's subscriptions after the topic ({@code null}: from the first), by topic.
	 */
	List<Subscription> page(String userId, String afterTopic, int limit) {
		return this.jdbc.sql("""
				SELECT topic, created_at FROM subscriptions WHERE user_id = ? AND topic > ?
				ORDER BY topic LIMIT ?""")
			.params(userId, (afterTopic != null) ? afterTopic : "", limit)
			.query((rs, n) -> new Subscription(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/** Drops every subscription of an erased user. */
	public void forgetUser(String userId) {
		this.jdbc.sql("DELETE FROM subscriptions WHERE user_id = ?").param(userId).update();
	}

	/** Drops a topic whose content was deleted; returns how many followed it. */
	public int dropTopic(String topic) {
		return this.jdbc.sql("DELETE FROM subscriptions WHERE topic = ?").param(topic).update();
	}

	/**
	 * One subscription.
	 *
	 * @param topic the topic followed
	 * @param subscribedAt since when
	 */
	record Subscription(String topic, Instant subscribedAt) {

	}

}
