package dev.herald.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.ContentRef;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.DigestSchedule;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.schema.UserContact;
import dev.herald.schema.UserPreferences;

/**
 * Builders of the Avro records the digest consumes.
 */
public final class Records {

	private Records() {
	}

	public static UserContact contact(String userId, String email, String name, String locale) {
		return UserContact.newBuilder()
			.setUserId(userId)
			.setEmail(email)
			.setDisplayName(name)
			.setLocale(locale)
			.setUpdatedAt(Instant.now())
			.build();
	}

	public static UserPreferences preferences(String userId, DigestFrequency frequency, int sendHour, int weekday,
			int minimumUnread, String timeZone, String locale) {
		return UserPreferences.newBuilder()
			.setUserId(userId)
			.setTypes(List.of())
			.setDigest(new DigestSchedule(frequency, sendHour, weekday, minimumUnread))
			.setTimeZone(timeZone)
			.setLocale(locale)
			.setUpdatedAt(Instant.now())
			.build();
	}

	/** A comment notification on an artwork, mailable (channel EMAIL). */
	public static NotificationChange comment(String userId, long seq, String id, String actor, String title,
			String preview) {
		return created(userId, seq, notification(id, NotificationType.COMMENT, "comment.one",
				Map.of("actor1", actor, "title", title, "preview", preview), false));
	}

	public static NotificationChange created(String userId, long seq, Notification notification) {
		return change(userId, seq, ChangeKind.CREATED, notification, List.of());
	}

	public static NotificationChange updated(String userId, long seq, Notification notification) {
		return change(userId, seq, ChangeKind.UPDATED, notification, List.of());
	}

	public static NotificationChange read(String userId, long seq, String... ids) {
		return change(userId, seq, ChangeKind.READ, null, List.of(ids));
	}

	public static Notification notification(String id, NotificationType type, String templateKey,
			Map<String, String> params, boolean critical) {
		Instant now = Instant.now();
		return Notification.newBuilder()
			.setId(id)
			.setType(type)
			.setContent(new ContentRef("artwork", "a-" + id, params.getOrDefault("title", "art"),
					"https://art.example/a/" + id, null))
			.setActors(List.of(new Actor("actor-" + id, params.getOrDefault("actor1", "someone"), null)))
			.setActorCount(1)
			.setTemplateKey(templateKey)
			.setParams(params)
			.setCreatedAt(now)
			.setUpdatedAt(now)
			.setRead(false)
			.setCritical(critical)
			.build();
	}

	private static NotificationChange change(String userId, long seq, ChangeKind kind, Notification notification,
			List<String> ids) {
		Instant now = Instant.now();
		return NotificationChange.newBuilder()
			.setUserId(userId)
			.setSeq(seq)
			.setKind(kind)
			.setNotification(notification)
			.setNotificationIds(ids)
			.setUnreadCount(1)
			.setChannels(List.of(Channel.DEVICE, Channel.EMAIL))
			.setOccurredAt(now)
			.setEmittedAt(now)
			.build();
	}

}
