package dev.herald.store.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.NotificationType;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.rules.TopicKeys;
import dev.herald.store.broadcast.Broadcasts;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.Notifications;
import dev.herald.store.notification.StoredNotification;
import dev.herald.store.preferences.PreferencesService;
import dev.herald.store.subscription.Subscriptions;

import org.springframework.stereotype.Component;

/**
 * Events that take something away: a removed reaction, deleted content, a deleted user.
 */
@Component
class RemovalEvents {

	private final Notifications notifications;

	private final PreferencesService preferences;

	private final ProcessedEvents processed;

	private final Subscriptions subscriptions;

	private final Broadcasts broadcasts;

	private final PipelineMetrics metrics;

	RemovalEvents(Notifications notifications, PreferencesService preferences, ProcessedEvents processed,
			Subscriptions subscriptions, Broadcasts broadcasts, PipelineMetrics metrics) {
		this.notifications = notifications;
		this.preferences = preferences;
		this.processed = processed;
		this.subscriptions = subscriptions;
		this.broadcasts = broadcasts;
		this.metrics = metrics;
	}

	/**
	 * Takes the actor's reaction back from every reaction notification of the recipient
	 * on the content (read or not): the actor leaves its actors and its count, and a
	 * notification no one is left on is deleted. An anonymous actor, who has no id, takes
	 * back one anonymous reaction from the newest notification that counts one.
	 */
	void retract(SocialEvent event, BatchContext batch) {
		Ledger.Session session = batch.session();
		batch.writePending();
		String key = StoredNotification.aggregateKey(NotificationType.REACTION, event.getContent());
		String actorId = event.getActor().getId();
		List<StoredNotification> reacted = this.notifications.withAggregateKey(event.getRecipientId(), key)
			.stream()
			.filter((n) -> (actorId != null) ? n.isBy(actorId) : n.unnamedActors() > 0)
			.limit((actorId != null) ? Long.MAX_VALUE : 1)
			.toList();
		if (reacted.isEmpty()) {
			this.metrics.dropped(DropReason.NOTHING_TO_REMOVE);
			return;
		}
		for (StoredNotification before : reacted) {
			StoredNotification after = (actorId != null) ? before.withoutActor(actorId)
					: before.withoutAnonymousActor();
			if (after.actorCount() == 0) {
				this.notifications.delete(before.userId(), before.id());
				session.emit(before.userId(), ChangeKind.DELETED, null, List.of(before.id().toString()),
						Ledger.Counts.removing(List.of(before)), List.of(), event.getOccurredAt());
			}
			else {
				this.notifications.updateAll(List.of(after));
				session.emit(after.userId(), ChangeKind.UPDATED, after.toAvro(), List.of(after.id().toString()),
						Ledger.Counts.NONE, List.of(), event.getOccurredAt());
			}
		}
		this.metrics.applied("retracted");
	}

	/**
	 * Deletes every notification about the content, in every inbox, and drops the
	 * content's topic ({@code <type>:<id>}) and the topic the event names, if any.
	 */
	void deleteContent(SocialEvent event, BatchContext batch) {
		Ledger.Session session = batch.session();
		batch.writePending();
		String type = event.getContent().getType();
		String id = event.getContent().getId();
		dropTopic(TopicKeys.ofContent(type, id));
		if (event.getTopic() != null) {
			dropTopic(event.getTopic());
		}
		session.lock(this.notifications.ownersOfContent(type, id));
		Map<String, List<StoredNotification>> byUser = this.notifications.deleteContent(type, id)
			.stream()
			.collect(Collectors.groupingBy(StoredNotification::userId, TreeMap::new, Collectors.toList()));
		byUser.forEach((userId, deleted) -> emitDeleted(session, userId, deleted, event.getOccurredAt()));
		this.metrics.applied("content_deleted");
	}

	/**
	 * Erases the user's inbox, ledger, history, subscriptions and preferences (queueing
	 * the tombstone of {@code user-preferences.v1} in this transaction), and shows them
	 * as the deleted user wherever they acted.
	 */
	void eraseUser(SocialEvent event, BatchContext batch) {
		String userId = event.getRecipientId();
		Ledger.Session session = batch.session();
		batch.writePending();
		batch.forgetUser(userId);
		this.notifications.deleteAllOf(userId);
		this.preferences.erase(userId);
		this.processed.forgetUser(userId);
		this.subscriptions.forgetUser(userId);
		session.erase(userId);
		List<StoredNotification> acted = this.notifications.actedBy(userId);
		session.lock(acted.stream().map(StoredNotification::userId).toList());
		List<StoredNotification> erased = acted.stream().map((n) -> n.withActorErased(userId)).toList();
		this.notifications.updateAll(erased);
		for (StoredNotification notification : erased) {
			session.emit(notification.userId(), ChangeKind.UPDATED, notification.toAvro(),
					List.of(notification.id().toString()), Ledger.Counts.NONE, List.of(), event.getOccurredAt());
		}
		this.metrics.applied("user_deleted");
	}

	private static void emitDeleted(Ledger.Session session, String userId, List<StoredNotification> deleted,
			Instant occurredAt) {
		List<String> ids = deleted.stream().map((n) -> n.id().toString()).toList();
		session.emit(userId, ChangeKind.DELETED, null, ids, Ledger.Counts.removing(deleted), List.of(), occurredAt);
	}

	/**
	 * Drops a topic: its subscriptions, and the fan-outs to them still under way (copies
	 * already published are applied like any event).
	 */
	private void dropTopic(String topic) {
		this.subscriptions.dropTopic(topic);
		this.broadcasts.stopTopicFanOuts(topic);
	}

}
