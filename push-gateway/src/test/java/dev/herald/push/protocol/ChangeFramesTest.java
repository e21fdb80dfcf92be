package dev.herald.push.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.schema.StateChange;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFramesTest {

	private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

	@Test
	void aCreatedChangeBecomesANotificationFrameWithTheTextInTheSessionLocale() {
		LiveChange live = ChangeFrames.live(change(ChangeKind.CREATED, notification()).build());

		JsonNode english = JsonMapper.shared().readTree(live.json(Locale.ENGLISH));
		JsonNode portuguese = JsonMapper.shared().readTree(live.json(Locale.of("pt")));

		assertThat(english.get("type").asString()).isEqualTo("notification");
		assertThat(english.get("change").asString()).isEqualTo("created");
		assertThat(english.get("seq").asLong()).isEqualTo(7);
		assertThat(english.get("unreadCount").asInt()).isEqualTo(3);
		assertThat(english.at("/notification/text").asString()).isEqualTo("bob started following you");
		assertThat(portuguese.at("/notification/text").asString()).isEqualTo("bob começou a seguir você");
		assertThat(english.at("/notification/content").isNull()).isTrue();
		assertThat(english.at("/notification/actors/0/handle").asString()).isEqualTo("bob");
		assertThat(english.at("/notification/createdAt").asString()).isEqualTo("2026-11-22T10:15:30Z");
		assertThat(english.at("/notification/type").asString()).isEqualTo("FOLLOW");
	}

	@Test
	void aLiveChangeIsOneMessagePerLocaleThatKnowsItsLengthInBytes() {
		LiveChange live = ChangeFrames.live(change(ChangeKind.CREATED, notification()).build());

		TextMessage portuguese = live.message(Locale.of("pt"));

		assertThat(live.message(Locale.of("pt"))).isSameAs(portuguese);
		assertThat(live.message(Locale.ENGLISH)).isNotSameAs(portuguese);
		assertThat(portuguese.getPayload()).isEqualTo(live.json(Locale.of("pt"))).contains("começou a seguir você");
		assertThat(portuguese.asBytes()).isSameAs(portuguese.asBytes())
			.isEqualTo(portuguese.getPayload().getBytes(StandardCharsets.UTF_8));
		assertThat(portuguese.getPayloadLength())
			.isEqualTo(portuguese.getPayload().getBytes(StandardCharsets.UTF_8).length)
			.isGreaterThan(portuguese.getPayload().length());
	}

	@Test
	void localizingLeavesTheSharedFrameAsItWasAndKeepsItsFieldOrder() {
		ObjectNode frame = ChangeFrames.frame(change(ChangeKind.CREATED, notification()).build());
		String before = frame.toString();

		ObjectNode english = ChangeFrames.localized(frame, Locale.ENGLISH);
		ObjectNode portuguese = ChangeFrames.localized(frame, Locale.of("pt"));

		assertThat(frame.toString()).isEqualTo(before);
		assertThat(frame.at("/notification/text").isNull()).isTrue();
		ObjectNode expected = frame.deepCopy();
		((ObjectNode) expected.get("notification")).put("text", "bob started following you");
		assertThat(english).isEqualTo(expected);
		assertThat(english.toString()).isEqualTo(expected.toString());
		assertThat(portuguese.at("/notification/text").asString()).isEqualTo("bob começou a seguir você");
		assertThat(ChangeFrames.live(change(ChangeKind.CREATED, notification()).build()).json(Locale.ENGLISH))
			.isEqualTo(expected.toString());
	}

	@Test
	void aReadChangeBecomesAStateFrameWithItsIds() {
		NotificationChange read = change(ChangeKind.ALL_READ, null).setNotificationIds(List.of("a", "b")).build();

		JsonNode frame = JsonMapper.shared().readTree(ChangeFrames.live(read).json(Locale.ENGLISH));

		assertThat(frame.get("type").asString()).isEqualTo("state");
		assertThat(frame.get("change").asString()).isEqualTo("all_read");
		assertThat(frame.get("ids")).extracting(JsonNode::asString).containsExactly("a", "b");
		assertThat(frame.has("notification")).isFalse();
	}

	@Test
	void aNotificationFrameCarriesSeenArchivedTheLinksTheAttributesAndBothCounts() {
		Notification notification = notification();
		notification.setSeen(true);
		notification.setCommentId("c9");
		notification.setActionUrl("https://art.example/a/1#c9");
		notification.setAttributes(Map.of("thread", "9"));
		NotificationChange change = change(ChangeKind.UPDATED, notification).setUnseenCount(2).build();

		JsonNode frame = JsonMapper.shared().readTree(ChangeFrames.live(change).json(Locale.ENGLISH));

		assertThat(frame.get("unseenCount").asInt()).isEqualTo(2);
		assertThat(frame.at("/notification/seen").asBoolean()).isTrue();
		assertThat(frame.at("/notification/archived").asBoolean()).isFalse();
		assertThat(frame.at("/notification/commentId").asString()).isEqualTo("c9");
		assertThat(frame.at("/notification/actionUrl").asString()).isEqualTo("https://art.example/a/1#c9");
		assertThat(frame.at("/notification/attributes/thread").asString()).isEqualTo("9");
	}

	@Test
	void aStateChangeIsNamedByWhatItDidNotByTheKindOlderReadersTakeItFor() {
		for (StateChange state : List.of(StateChange.SEEN, StateChange.ARCHIVED, StateChange.UNARCHIVED)) {
			ChangeKind kind = (state == StateChange.ARCHIVED) ? ChangeKind.READ : ChangeKind.UNREAD;
			NotificationChange change = change(kind, null).setStateChange(state)
				.setNotificationIds(List.of("a"))
				.setUnseenCount(0)
				.build();

			JsonNode frame = JsonMapper.shared().readTree(ChangeFrames.live(change).json(Locale.ENGLISH));

			assertThat(frame.get("type").asString()).isEqualTo("state");
			assertThat(frame.get("change").asString()).isEqualTo(state.name().toLowerCase(Locale.ROOT));
			assertThat(frame.get("ids")).extracting(JsonNode::asString).containsExactly("a");
			assertThat(frame.get("unseenCount").asInt()).isZero();
		}
	}

	private static Notification notification() {
		return Notification.newBuilder()
			.setId("f1")
			.setType(NotificationType.FOLLOW)
			.setActors(List.of(Actor.newBuilder().setId("bob").setHandle("bob").build()))
			.setActorCount(1)
			.setTemplateKey("follow.one")
			.setParams(Map.of("actor1", "bob"))
			.setCreatedAt(AT)
			.setUpdatedAt(AT)
			.setRead(false)
			.build();
	}

	private static NotificationChange.Builder change(ChangeKind kind, Notification notification) {
		return NotificationChange.newBuilder()
			.setUserId("u1")
			.setSeq(7)
			.setKind(kind)
			.setNotification(notification)
			.setUnreadCount(3)
			.setOccurredAt(AT)
			.setEmittedAt(AT);
	}

}
