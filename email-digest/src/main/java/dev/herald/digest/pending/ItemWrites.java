package dev.herald.digest.pending;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pending-item writes of one poll, reduced to what the poll leaves behind: for each
 * user and notification the last write (an upsert or a delete), and the users whose items
 * were all deleted (writes of such a user before that are dropped). Written with one
 * statement per kind, in an order that gives the same rows as applying every change in
 * turn: the users' deletions first, then the deletes, then the upserts (each pair of a
 * user and a notification has one write at most, so these two cannot meet).
 */
final class ItemWrites {

	private final Set<String> cleared = new LinkedHashSet<>();

	private final Map<Key, PendingItem> writes = new LinkedHashMap<>();

	/** A pending item to add or refresh for its user. */
	record Upsert(String userId, PendingItem item) {

	}

	private record Key(String userId, String notificationId) {

	}

	void upsert(String userId, PendingItem item) {
		this.writes.put(new Key(userId, item.notificationId()), item);
	}

	void delete(String userId, List<String> notificationIds) {
		for (String id : notificationIds) {
			this.writes.put(new Key(userId, id), null);
		}
	}

	void deleteAll(String userId) {
		this.writes.keySet().removeIf((key) -> key.userId().equals(userId));
		this.cleared.add(userId);
	}

	/** Where the writes go: {@link PendingItems}, one statement each. */
	interface Target {

		void deleteAllOf(Collection<String> userIds);

		void deleteAll(List<String> userIds, List<String> notificationIds);

		void upsertAll(List<Upsert> upserts);

	}

	void writeTo(Target items) {
		items.deleteAllOf(this.cleared);
		List<String> users = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		List<Upsert> upserts = new ArrayList<>();
		this.writes.forEach((key, item) -> {
			if (item == null) {
				users.add(key.userId());
				ids.add(key.notificationId());
			}
			else {
				upserts.add(new Upsert(key.userId(), item));
			}
		});
		items.deleteAll(users, ids);
		items.upsertAll(upserts);
	}

}
