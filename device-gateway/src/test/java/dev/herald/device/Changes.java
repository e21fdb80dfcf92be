package dev.herald.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.ContentRef;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;

/**
 * Notification changes as the store emits them.
 */
public final class Changes {

	private Changes() {
	}

	/** "alice reacted ❤ to Sunset", for the device channel. */
	public static NotificationChange created(String userId, long seq, String notificationId, int unreadCount) {
		return change(userId, seq, ChangeKind.CREATED, notification(notificationId, false), List.of(), unreadCount);
	}

	public static NotificationChange critical(String userId, long seq, String notificationId, int unreadCount) {
		return change(userId, seq, ChangeKind.CREATED, notification(notificationId, true), List.of(), unreadCount);
	}

	public static NotificationChange state(String userId, long seq, ChangeKind kind, List<String> ids,
			int unreadCount) {
		return change(userId, seq, kind, null, ids, unreadCount);
	}

	public static NotificationChange change(String userId, long seq, ChangeKind kind, Notification notification,
			List<String> ids, int unreadCount) {
		Instant now = Instant.now();
		return NotificationChange.newBuilder()
			.setUserId(userId)
			.setSeq(seq)
			.setKind(kind)
			.setNotification(notification)
			.setNotificationIds(ids)
			.setUnreadCount(unreadCount)
			.setChannels((notification != null) ? List.of(Channel.IN_APP, Channel.DEVICE) : List.of())
			.setOccurredAt(now)
			.setEmittedAt(now)
			.build();
	}

	public static Notification notification(String id, boolean critical) {
		Instant now = Instant.now();
		return Notification.newBuilder()
			.setId(id)
			.setType(critical ? NotificationType.MODERATION : NotificationType.REACTION)
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
			.setCritical(critical)
			.build();
	}

}
