package dev.herald.store.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.EventKind;
import dev.herald.schema.NotificationType;
import dev.herald.schema.SocialEvent;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.Notifications;
import dev.herald.store.notification.StoredNotification;
import dev.herald.store.preferences.Preferences;

import org.springframework.stereotype.Component;

/**
 * Turns an event that notifies someone into a new notification or grows an open
 * aggregate, after the drop rules.
 */
@Component
class NotificationEvents {

	private final Notifications notifications;

	private final ProcessedEvents processed;

	private final PipelineMetrics metrics;

	private final PipelineProperties properties;

	NotificationEvents(Notifications notifications, ProcessedEvents processed, PipelineMetrics metrics,
			PipelineProperties properties) {
		this.notifications = notifications;
		this.processed = processed;
		this.metrics = metrics;
		this.properties = properties;
	}

	void apply(SocialEvent event, Ledger.Session session, Preferences preferences) {
		NotificationType type = typeOf(event.getKind());
		Optional<DropReason> drop = DropReason.of(event, type, preferences).or(() -> spam(event));
		if (drop.isPresent()) {
			this.metrics.dropped(drop.get());
			return;
		}
		String key = aggregatable(type) ? StoredNotification.aggregateKey(type, event.getContent()) : null;
		Optional<StoredNotification> open = (key != null && preferences.aggregation()) ? this.notifications
			.findOpenAggregate(event.getRecipientId(), key, Instant.now().minus(this.properties.aggregationWindow()))
				: Optional.empty();
		if (open.isPresent()) {
			grow(open.get(), event, session, preferences);
		}
		else {
			create(StoredNotification.of(type, event, key), event, session, preferences);
		}
		this.metrics.applied(open.isPresent() ? "updated" : "created");
	}

	private void create(StoredNotification notification, SocialEvent event, Ledger.Session session,
			Preferences preferences) {
		this.notifications.insert(notification);
		session.emit(notification.userId(), ChangeKind.CREATED, notification.toAvro(), List.of(), 1,
				preferences.deliveryChannels(notification.type(), notification.critical()), event.getOccurredAt());
	}

	private void grow(StoredNotification open, SocialEvent event, Ledger.Session session, Preferences preferences) {
		String preview = (event.getComment() != null) ? event.getComment().getPreview() : null;
		StoredNotification grown = open.joinedBy(event.getActor(), event.getReaction(), preview);
		this.notifications.update(grown);
		session.emit(grown.userId(), ChangeKind.UPDATED, grown.toAvro(), List.of(grown.id().toString()), 0,
				preferences.deliveryChannels(grown.type(), grown.critical()), event.getOccurredAt());
	}

	private Optional<DropReason> spam(SocialEvent event) {
		String actorId = (event.getActor() != null) ? event.getActor().getId() : null;
		if (event.getCritical() || actorId == null) {
			return Optional.empty();
		}
		int count = this.processed.countActorHour(event.getRecipientId(), actorId);
		return (count > this.properties.spamLimit()) ? Optional.of(DropReason.SPAM) : Optional.empty();
	}

	private static boolean aggregatable(NotificationType type) {
		return type == NotificationType.REACTION || type == NotificationType.COMMENT;
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
