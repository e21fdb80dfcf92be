package dev.herald.store.pipeline;

import java.util.List;
import java.util.Optional;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.EventKind;
import dev.herald.schema.NotificationType;
import dev.herald.schema.SocialEvent;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.StoredNotification;
import dev.herald.store.preferences.Preferences;

import org.springframework.stereotype.Component;

/**
 * Turns an event that notifies someone into a new notification or grows an open
 * aggregate, after the drop rules.
 */
@Component
class NotificationEvents {

	/**
	 * Prefix of the spam-limit key of anonymous actors; a space never occurs in an actor
	 * id, so it cannot meet a real one.
	 */
	static final String ANONYMOUS_RATE_PREFIX = "anonymous on ";

	private final PipelineMetrics metrics;

	private final PipelineProperties properties;

	NotificationEvents(PipelineMetrics metrics, PipelineProperties properties) {
		this.metrics = metrics;
		this.properties = properties;
	}

	void apply(SocialEvent event, BatchContext batch) {
		NotificationType type = typeOf(event.getKind());
		Preferences preferences = batch.preferencesOf(event.getRecipientId());
		Optional<DropReason> drop = DropReason.of(event, type, preferences).or(() -> spam(event, batch));
		if (drop.isPresent()) {
			this.metrics.dropped(drop.get());
			return;
		}
		String key = aggregateKey(event);
		Optional<StoredNotification> open = (key != null && preferences.aggregation())
				? batch.openAggregate(event.getRecipientId(), key) : Optional.empty();
		if (open.isPresent()) {
			grow(open.get(), event, batch, preferences);
		}
		else {
			create(StoredNotification.of(type, event, key), event, batch, preferences);
		}
		this.metrics.applied(open.isPresent() ? "updated" : "created");
	}

	/**
	 * The key of the aggregate an event may join, or null when its type never aggregates.
	 */
	static String aggregateKey(SocialEvent event) {
		NotificationType type = switch (event.getKind()) {
			case REACTION_ADDED -> NotificationType.REACTION;
			case COMMENT_ADDED -> NotificationType.COMMENT;
			default -> null;
		};
		return (type != null) ? StoredNotification.aggregateKey(type, event.getContent()) : null;
	}

	private void create(StoredNotification notification, SocialEvent event, BatchContext batch,
			Preferences preferences) {
		batch.created(notification);
		batch.session()
			.emit(notification.userId(), ChangeKind.CREATED, notification.toAvro(), List.of(), Ledger.Counts.ONE_NEW,
					preferences.deliveryChannels(notification.type(), notification.critical()),
					preferences.webPush(notification.type(), notification.critical()), event.getOccurredAt());
	}

	private void grow(StoredNotification open, SocialEvent event, BatchContext batch, Preferences preferences) {
		StoredNotification grown = open.joinedBy(event);
		batch.updated(grown);
		batch.session()
			.emit(grown.userId(), ChangeKind.UPDATED, grown.toAvro(), List.of(grown.id().toString()),
					grown.counts().minus(open.counts()), preferences.deliveryChannels(grown.type(), grown.critical()),
					preferences.webPush(grown.type(), grown.critical()), event.getOccurredAt());
	}

	/**
	 * Over the hourly limit of one actor for one recipient; anonymous actors, who have no
	 * id, share one limit per recipient and content.
	 */
	private Optional<DropReason> spam(SocialEvent event, BatchContext batch) {
		if (event.getCritical()) {
			return Optional.empty();
		}
		int count = batch.countActorHour(event.getRecipientId(), rateActor(event));
		return (count > this.properties.spamLimit()) ? Optional.of(DropReason.SPAM) : Optional.empty();
	}

	/**
	 * Whom the spam limit counts the event against: the actor, or for anonymous actors
	 * (and events without one) the content it is about.
	 */
	static String rateActor(SocialEvent event) {
		String actorId = (event.getActor() != null) ? event.getActor().getId() : null;
		if (actorId != null) {
			return actorId;
		}
		return (event.getContent() != null)
				? ANONYMOUS_RATE_PREFIX + event.getContent().getType() + ":" + event.getContent().getId()
				: ANONYMOUS_RATE_PREFIX;
	}

	static NotificationType typeOf(EventKind kind) {
		return switch (kind) {
			case REACTION_ADDED -> NotificationType.REACTION;
			case COMMENT_ADDED -> NotificationType.COMMENT;
			case REPLY_ADDED -> NotificationType.REPLY;
			case MENTION -> NotificationType.MENTION;
			case FOLLOW -> NotificationType.FOLLOW;
			case MODERATION_ACTION -> NotificationType.MODERATION;
			case SYSTEM_ANNOUNCEMENT -> NotificationType.ANNOUNCEMENT;
			default -> throw new IllegalArgumentException(kind + " does not create notifications");
		};
	}

}
