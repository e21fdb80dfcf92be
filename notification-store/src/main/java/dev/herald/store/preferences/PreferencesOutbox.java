package dev.herald.store.preferences;

import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a change for {@code user-preferences.v1} in the transaction that makes it, and
 * announces it with {@code NOTIFY} (payload: the user id), which PostgreSQL delivers on
 * commit to every store instance: they drop the user from their cache and the relay
 * publishes. This instance also drops the user right after the commit, so a request that
 * follows the answer is judged with the new preferences.
 */
@Component
class PreferencesOutbox {

	/** The {@code LISTEN/NOTIFY} channel of preference changes. */
	static final String CHANNEL = "herald_preferences";

	private static final Serializer<UserPreferences> ENCODER = Topics.USER_PREFERENCES.valueSerde().serializer();

	private final JdbcClient jdbc;

	private final PreferencesCache cache;

	PreferencesOutbox(JdbcClient jdbc, PreferencesCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/** Queues the user's new preferences. */
	void changed(Preferences preferences) {
		insert(preferences.userId(), ENCODER.serialize(Topics.USER_PREFERENCES.name(), preferences.toAvro()));
	}

	/**
	 * Queues a tombstone for an erased user, dropping what was still waiting to be
	 * published about them.
	 */
	void erased(String userId) {
		this.jdbc.sql("DELETE FROM preference_outbox WHERE user_id = ?").param(userId).update();
		insert(userId, null);
	}

	private void insert(String userId, byte[] payload) {
		this.jdbc.sql("INSERT INTO preference_outbox (user_id, payload) VALUES (?, ?)")
			.params(userId, payload)
			.update();
		this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, userId).query(Object.class).list();
		invalidateAfterCommit(userId);
	}

	private void invalidateAfterCommit(String userId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.cache.invalidate(userId);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				PreferencesOutbox.this.cache.invalidate(userId);
			}
		});
	}

}
