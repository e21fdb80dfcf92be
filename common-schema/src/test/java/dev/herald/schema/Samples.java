package dev.herald.schema;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Fully populated instances of every top-level schema, for round trips. */
public final class Samples {

	public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private Samples() {
	}

	public static SocialEvent socialEvent() {
		return SocialEvent.newBuilder()
			.setEventId("7f1c9a52-5a3e-4a8e-9d2b-2f3c4d5e6f70")
			.setKind(EventKind.COMMENT_ADDED)
			.setOccurredAt(NOW)
			.setRecipientId("user-1")
			.setActor(Actor.newBuilder().setId("user-2").setHandle("alice").setAvatarUrl("https://a/1.png").build())
			.setContent(ContentRef.newBuilder()
				.setType("artwork")
				.setId("42")
				.setTitle("Sunset 🌅")
				.setUrl("https://art/42")
				.build())
			.setComment(CommentRef.newBuilder().setId("c1").setPreview("Lovely colours").build())
			.setAttributes(Map.of("source", "web"))
			.build();
	}

	public static NotificationChange notificationChange() {
		Notification notification = Notification.newBuilder()
			.setId("0b6a2f8e-1111-4c3d-9e8f-000000000001")
			.setType(NotificationType.REACTION)
			.setActors(List.of(Actor.newBuilder().setId("user-2").setHandle("alice").build()))
			.setActorCount(1)
			.setReaction("❤️")
			.setTemplateKey("reaction.one")
			.setParams(Map.of("actor1", "alice", "reaction", "❤️", "title", "Sunset"))
			.setCreatedAt(NOW)
			.setUpdatedAt(NOW)
			.setRead(false)
			.build();
		return NotificationChange.newBuilder()
			.setUserId("user-1")
			.setSeq(7)
			.setKind(ChangeKind.CREATED)
			.setNotification(notification)
			.setUnreadCount(3)
			.setChannels(List.of(Channel.DEVICE, Channel.EMAIL))
			.setOccurredAt(NOW)
			.setEmittedAt(NOW.plusMillis(5))
			.build();
	}

	public static UserPreferences userPreferences() {
		return UserPreferences.newBuilder()
			.setUserId("user-1")
			.setTypes(List.of(TypeChannels.newBuilder()
				.setType(NotificationType.COMMENT)
				.setInApp(true)
				.setDevice(false)
				.setEmail(true)
				.build()))
			.setDigest(DigestSchedule.newBuilder()
				.setFrequency(DigestFrequency.DAILY)
				.setSendHour(8)
				.setWeekday(1)
				.setMinimumUnread(3)
				.build())
			.setQuietHours(QuietHours.newBuilder().setStart(LocalTime.of(22, 0)).setEnd(LocalTime.of(7, 30)).build())
			.setTimeZone("Europe/Lisbon")
			.setLocale("pt")
			.setMutedActors(List.of("user-9"))
			.setMutedContent(List.of("artwork:13"))
			.setUpdatedAt(NOW)
			.build();
	}

	public static UserContact userContact() {
		return UserContact.newBuilder()
			.setUserId("user-1")
			.setEmail("ana@example.org")
			.setDisplayName("Ana")
			.setLocale("es")
			.setTimeZone("America/Mexico_City")
			.setAttributes(Map.of("plan", "pro"))
			.setUpdatedAt(NOW)
			.build();
	}

}
