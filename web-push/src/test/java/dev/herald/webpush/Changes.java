package dev.herald.webpush;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.ContentRef;
import dev.herald.schema.MessageText;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;

/**
 * Notification changes as the store emits them.
 */
public final class Changes {

	private Changes() {
	}

	/** "alice reacted ❤ to Sunset", for the Web Push channel. */
	public static NotificationChange created(String userId, long seq, String notificationId, int unreadCount) {
		return change(userId, seq, ChangeKind.CREATED, reaction(notificationId), true, unreadCount);
	}

	/** A moderation notice (critical). */
	public static NotificationChange critical(String userId, long seq, String notificationId, int unreadCount) {
		Notification notification = reaction(notificationId);
		notification.setType(NotificationType.MODERATION);
		notification.setCritical(true);
		notification.setTemplateKey("moderation.one");
		notification.setParams(Map.of("messageTitle", "Your artwork was hidden", "messageBody", "It breaks rule 3."));
		notification.setMessage(new MessageText("Your artwork was hidden", "It breaks rule 3."));
		notification.setContent(null);
		notification.setActionUrl("https://art.example/rules#3");
		return change(userId, seq, ChangeKind.CREATED, notification, true, unreadCount);
	}

	public static NotificationChange change(String userId, long seq, ChangeKind kind, Notification notification,
			boolean webPush, int unreadCount) {
		Instant now = Instant.now();
		return NotificationChange.newBuilder()
			.setUserId(userId)
			.setSeq(seq)
			.setKind(kind)
			.setNotification(notification)
			.setNotificationIds((notification != null) ? List.of(notification.getId()) : List.of())
			.setUnreadCount(unreadCount)
			.setChannels((notification != null) ? List.of(Channel.IN_APP) : List.of())
			.setWebPush(webPush)
			.setOccurredAt(now)
			.setEmittedAt(now)
			.build();
	}

	public static Notification reaction(String id) {
		Instant now = Instant.now();
		return Notification.newBuilder()
			.setId(id)
			.setType(NotificationType.REACTION)
			.setContent(ContentRef.newBuilder()
				.setType("artwork")
				.setId("42")
				.setTitle("Sunset")
				.setUrl("https://art.example/42")
				.build())
			.setActors(List.of(Actor.newBuilder().setId("u-alice").setHandle("alice").build()))
			.setActorCount(1)
			.setReaction("\u2764")
			.setTemplateKey("reaction.one")
			.setParams(Map.of("actor1", "alice", "reaction", "\u2764", "title", "Sunset"))
			.setCreatedAt(now)
			.setUpdatedAt(now)
			.setRead(false)
			.setCritical(false)
			.build();
	}

}
