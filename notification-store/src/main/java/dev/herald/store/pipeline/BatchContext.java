package dev.herald.store.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.herald.schema.SocialEvent;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.Notifications;
import dev.herald.store.notification.StoredNotification;
import dev.herald.store.preferences.Preferences;

/**
 * What one batch transaction knows and has yet to write. The recipients' ledger rows are
 * locked, so no one else changes their notifications or counters meanwhile: open
 * aggregates and spam counters are read once for the whole batch, new and grown
 * notifications are written in one batch at the end (or before a removal event reads the
 * table).
 */
final class BatchContext {

	private final Ledger.Session session;

	private final Map<String, Preferences> preferences;

	private final Notifications notifications;

	private final Map<String, Integer> actorHours;

	private final Instant aggregateSince;

	private final Map<String, Optional<StoredNotification>> aggregates = new HashMap<>();

	private final Map<UUID, StoredNotification> inserts = new LinkedHashMap<>();

	private final Map<UUID, StoredNotification> updates = new LinkedHashMap<>();

	BatchContext(Ledger.Session session, Map<String, Preferences> preferences, Notifications notifications,
			Map<String, Integer> actorHours, Instant aggregateSince) {
		this.session = session;
		this.preferences = preferences;
		this.notifications = notifications;
		this.actorHours = actorHours;
		this.aggregateSince = aggregateSince;
	}

	/** Reads the open aggregates the batch's reactions and comments may join. */
	void preloadAggregates(List<SocialEvent> events, List<String> keys) {
		List<String> users = new ArrayList<>();
		List<String> pairKeys = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			String key = keys.get(i);
			if (key != null && this.aggregates.putIfAbsent(aggregateKey(events.get(i).getRecipientId(), key),
					Optional.empty()) == null) {
				users.add(events.get(i).getRecipientId());
				pairKeys.add(key);
			}
		}
		if (!users.isEmpty()) {
			this.notifications.openAggregates(users, pairKeys, this.aggregateSince)
				.forEach((n) -> this.aggregates.put(aggregateKey(n.userId(), n.aggregateKey()), Optional.of(n)));
		}
	}

	Ledger.Session session() {
		return this.session;
	}

	Preferences preferencesOf(String userId) {
		return this.preferences.computeIfAbsent(userId, Preferences::defaults);
	}

	/** Counts one more notification by the actor for the recipient; returns the count. */
	int countActorHour(String userId, String actorId) {
		return this.actorHours.merge(ProcessedEvents.rateKey(userId, actorId), 1, Integer::sum);
	}

	Map<String, Integer> actorHours() {
		return this.actorHours;
	}

	Optional<StoredNotification> openAggregate(String userId, String key) {
		return this.aggregates.computeIfAbsent(aggregateKey(userId, key),
				(k) -> this.notifications.findOpenAggregate(userId, key, this.aggregateSince));
	}

	void created(StoredNotification notification) {
		this.inserts.put(notification.id(), notification);
		remember(notification);
	}

	void updated(StoredNotification notification) {
		Map<UUID, StoredNotification> pending = this.inserts.containsKey(notification.id()) ? this.inserts
				: this.updates;
		pending.put(notification.id(), notification);
		remember(notification);
	}

	/**
	 * Writes pending rows and forgets cached aggregates, before a removal reads the
	 * table.
	 */
	void writePending() {
		if (!this.inserts.isEmpty()) {
			this.notifications.insertAll(this.inserts.values());
			this.inserts.clear();
		}
		if (!this.updates.isEmpty()) {
			this.notifications.updateAll(this.updates.values());
			this.updates.clear();
		}
		this.aggregates.clear();
	}

	/** Drops the spam counters that involve an erased user. */
	void forgetUser(String userId) {
		this.actorHours.keySet()
			.removeIf((key) -> key.startsWith(ProcessedEvents.rateKey(userId, ""))
					|| key.endsWith(ProcessedEvents.rateKey("", userId)));
	}

	private void remember(StoredNotification notification) {
		if (notification.aggregateKey() != null) {
			this.aggregates.put(aggregateKey(notification.userId(), notification.aggregateKey()),
					Optional.of(notification));
		}
	}

	private static String aggregateKey(String userId, String key) {
		return ProcessedEvents.rateKey(userId, key);
	}

}
