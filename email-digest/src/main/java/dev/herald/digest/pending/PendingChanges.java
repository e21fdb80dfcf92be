package dev.herald.digest.pending;

import java.time.Clock;
import java.util.List;

import dev.herald.digest.recipients.Recipients;
import dev.herald.schema.Channel;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code notifications.v1} changes to the pending items, once each: a change
 * whose seq is not above the user's last applied seq is a replay and skipped.
 */
@Service
class PendingChanges {

	private static final Logger log = LoggerFactory.getLogger(PendingChanges.class);

	private static final String ADVANCE = """
			INSERT INTO seen_changes (user_id, last_seq) VALUES (:userId, :seq)
			ON CONFLICT (user_id) DO UPDATE SET last_seq = EXCLUDED.last_seq WHERE seen_changes.last_seq < EXCLUDED.last_seq
			""";

	private final PendingItems items;

	private final Recipients recipients;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PendingChanges(PendingItems items, Recipients recipients, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.items = items;
		this.recipients = recipients;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	void apply(String key, NotificationChange change) {
		validate(key, change);
		String userId = change.getUserId();
		if (this.jdbc.sql(ADVANCE).param("userId", userId).param("seq", change.getSeq()).update() == 0) {
			log.debug("Skipped replayed change {} of {}", change.getSeq(), userId);
			return;
		}
		switch (change.getKind()) {
			case CREATED, UPDATED -> addOrRefresh(userId, change);
			case READ, DELETED -> this.items.delete(userId, change.getNotificationIds());
			case ALL_READ -> allRead(userId, change);
			case UNREAD -> log.debug("UNREAD of {} ignored: digests list new notifications only", userId);
		}
	}

	private void addOrRefresh(String userId, NotificationChange change) {
		Notification notification = change.getNotification();
		boolean mailable = change.getChannels().contains(Channel.EMAIL) && !notification.getRead();
		boolean critical = notification.getCritical();
		if (!mailable || (!critical && !this.recipients.find(userId).wantsDigests())) {
			this.items.delete(userId, List.of(notification.getId()));
			return;
		}
		String contentUrl = (notification.getContent() != null) ? notification.getContent().getUrl() : null;
		this.items.upsert(userId, new PendingItem(notification.getId(), notification.getTemplateKey(),
				notification.getParams(), contentUrl, critical, notification.getUpdatedAt(), this.clock.instant()));
		this.events.publishEvent(new ItemPending(userId, critical));
	}

	private void allRead(String userId, NotificationChange change) {
		if (change.getNotificationIds().isEmpty()) {
			this.items.deleteAll(userId);
		}
		else {
			this.items.delete(userId, change.getNotificationIds());
		}
	}

	private static void validate(String key, NotificationChange change) {
		if (change.getUserId().isBlank() || !change.getUserId().equals(key)) {
			throw new InvalidRecordException(
					"userId '" + change.getUserId() + "' does not match the record key '" + key + "'");
		}
		boolean needsNotification = switch (change.getKind()) {
			case CREATED, UPDATED -> true;
			default -> false;
		};
		if (needsNotification && change.getNotification() == null) {
			throw new InvalidRecordException(change.getKind() + " change " + change.getSeq() + " has no notification");
		}
	}

}
