package dev.herald.push;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.ContentRef;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.schema.StateChange;

/** Builds the {@code NotificationChange} records the store would publish. */
final class Changes {

	private Changes() {
	}

	/**
	 * The id of the notification {@link #created} makes at {@code seq} (a UUID, as the
	 * store's).
	 */
	static String idAt(long seq) {
		return UUID.nameUUIDFromBytes(("n" + seq).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** A reaction notification {@link #idAt(long) idAt(seq)} created at {@code seq}. */
	static NotificationChange created(String userId, long seq, int unreadCount) {
		return created(userId, seq, unreadCount, "");
	}

	/** The same, with a long comment preview to make the frame {@code padding} bigger. */
	static NotificationChange created(String userId, long seq, int unreadCount, String padding) {
		return created(userId, seq, unreadCount, padding, "Sunset");
	}

	/** A reaction to the artwork called {@code title}, which may hold anything. */
	static NotificationChange createdAbout(String userId, long seq, int unreadCount, String title) {
		return created(userId, seq, unreadCount, "", title);
	}

	private static NotificationChange created(String userId, long seq, int unreadCount, String padding, String title) {
		Instant now = Instant.now();
		Notification notification = Notification.newBuilder()
			.setId(idAt(seq))
			.setType(NotificationType.REACTION)
			.setContent(ContentRef.newBuilder()
				.setType("artwork")
				.setId("art-1")
				.setTitle(title)
				.setUrl("https://art.example/a/1")
				.build())
			.setActors(List.of(Actor.newBuilder().setId("alice").setHandle("alice").build()))
			.setActorCount(1)
			.setReaction("❤️")
			.setCommentPreview(padding.isEmpty() ? null : padding)
			.setTemplateKey("reaction.one")
			.setParams(Map.of("actor1", "alice", "reaction", "❤️", "title", title))
			.setCreatedAt(now)
			.setUpdatedAt(now)
			.setRead(false)
			.build();
		return change(userId, seq, ChangeKind.CREATED, unreadCount).setNotification(notification).build();
	}

	static NotificationChange allRead(String userId, long seq) {
		return change(userId, seq, ChangeKind.ALL_READ, 0).build();
	}

	/** Everything seen: nothing unseen, {@code unreadCount} still unread. */
	static NotificationChange allSeen(String userId, long seq, int unreadCount, List<String> ids) {
		return change(userId, seq, ChangeKind.UNREAD, unreadCount).setStateChange(StateChange.SEEN)
			.setNotificationIds(ids)
			.setUnseenCount(0)
			.build();
	}

	private static NotificationChange.Builder change(String userId, long seq, ChangeKind kind, int unreadCount) {
		Instant now = Instant.now();
		return NotificationChange.newBuilder()
			.setUserId(userId)
			.setSeq(seq)
			.setKind(kind)
			.setUnreadCount(unreadCount)
			.setUnseenCount(unreadCount)
			.setOccurredAt(now)
			.setEmittedAt(now);
	}

}
