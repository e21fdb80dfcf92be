package dev.herald.device.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.herald.device.Changes;
import dev.herald.device.DeviceProperties;
import dev.herald.schema.Actor;
import dev.herald.schema.MessageText;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationType;
import dev.herald.schema.text.NotificationTexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceMessagesTests {

	private final DeviceMessages messages = new DeviceMessages(new DeviceProperties("makapix", 30, 500, List.of()));

	@Test
	void notificationCarriesTextInTheUsersLanguageAndItsParts() {
		DeviceMessage message = this.messages.notification(Changes.notification("n-1", false), 4, Locale.of("es"));

		assertThat(message.type()).isEqualTo("notification");
		assertThat(message.id()).isEqualTo("n-1");
		assertThat(message.text()).isEqualTo(NotificationTexts.render("reaction.one",
				Map.of("actor1", "alice", "reaction", "\u2764", "title", "Sunset"), Locale.of("es")));
		assertThat(message.text())
			.isNotEqualTo(this.messages.notification(Changes.notification("n-1", false), 4, Locale.ENGLISH).text());
		assertThat(message)
			.extracting(DeviceMessage::reaction, DeviceMessage::actor, DeviceMessage::title, DeviceMessage::unreadCount)
			.containsExactly("\u2764", "alice", "Sunset", 4);
	}

	@Test
	void longTextIsCutToTheDisplayWithAnEllipsis() {
		Notification announcement = Notification.newBuilder(Changes.notification("n-2", false))
			.setType(NotificationType.ANNOUNCEMENT)
			.setContent(null)
			.setMessage(new MessageText("Maintenance tonight", "The gallery is read-only from 22:00 to 23:00 UTC"))
			.setTemplateKey("announcement.one")
			.setParams(Map.of("messageTitle", "Maintenance tonight", "messageBody", "The gallery is read-only"))
			.build();

		DeviceMessage message = this.messages.notification(announcement, 1, Locale.ENGLISH);

		assertThat(message.text()).hasSize(30).endsWith("\u2026").startsWith("Maintenance tonight: The");
		assertThat(message.title()).isEqualTo("Maintenance tonight");
	}

	@Test
	void deletedActorIsNotNamed() {
		Notification byDeletedUser = Notification.newBuilder(Changes.notification("n-3", false))
			.setActors(List.of(new Actor(null, NotificationTexts.DELETED_USER_HANDLE, null)))
			.build();

		assertThat(this.messages.notification(byDeletedUser, 1, Locale.ENGLISH).actor()).isNull();
	}

	@Test
	void urlIsTheActionUrlElseTheContentsUrlAndTheCommentIdComesAlong() {
		Notification onAComment = Notification.newBuilder(Changes.notification("n-4", false))
			.setCommentId("c-9")
			.setActionUrl("https://art.example/42#comment-9")
			.build();
		Notification announcement = Notification.newBuilder(Changes.notification("n-5", false))
			.setType(NotificationType.ANNOUNCEMENT)
			.setContent(null)
			.build();

		DeviceMessage linked = this.messages.notification(onAComment, 1, Locale.ENGLISH);
		assertThat(linked).extracting(DeviceMessage::url, DeviceMessage::commentId)
			.containsExactly("https://art.example/42#comment-9", "c-9");
		assertThat(linked.withUnreadCount(7)).extracting(DeviceMessage::url, DeviceMessage::commentId)
			.containsExactly("https://art.example/42#comment-9", "c-9");
		assertThat(this.messages.notification(Changes.notification("n-6", false), 1, Locale.ENGLISH))
			.extracting(DeviceMessage::url, DeviceMessage::commentId)
			.containsExactly("https://art.example/42", null);
		assertThat(this.messages.notification(announcement, 1, Locale.ENGLISH).url()).isNull();
		Notification linkedAnnouncement = Notification.newBuilder(announcement)
			.setActionUrl("https://art.example/news/7")
			.build();
		assertThat(this.messages.notification(linkedAnnouncement, 1, Locale.ENGLISH).url())
			.isEqualTo("https://art.example/news/7");
	}

	@Test
	void heldSummariesTakeThePluralFormOfTheUsersLanguage() {
		UUID id = UUID.randomUUID();
		Map<Locale, List<String>> expected = Map.of(Locale.ENGLISH,
				List.of("1 new notification", "2 new notifications", "100 new notifications"), Locale.of("es"),
				List.of("1 notificaci\u00f3n nueva", "2 notificaciones nuevas", "100 notificaciones nuevas"),
				Locale.of("pt"), List.of("1 nova notifica\u00e7\u00e3o", "2 novas notifica\u00e7\u00f5es",
						"100 novas notifica\u00e7\u00f5es"));
		expected.forEach((locale, texts) -> assertThat(List.of(1, 2, 100))
			.extracting((count) -> this.messages.summary(id, count, true, 9, locale).text())
			.as(locale.toString())
			.containsExactlyElementsOf(texts));
		assertThat(this.messages.summary(id, 1, false, 9, Locale.of("es")).text()).isEqualTo("+1 m\u00e1s");
	}

	@Test
	void summariesSayHowManyMoreInTheUsersLanguage() {
		UUID id = UUID.randomUUID();

		assertThat(this.messages.summary(id, 5, false, 9, Locale.ENGLISH).text()).isEqualTo("+5 more");
		assertThat(this.messages.summary(id, 5, false, 9, Locale.of("es")).text()).isEqualTo("+5 m\u00e1s");
		assertThat(this.messages.summary(id, 5, false, 9, Locale.of("pt", "BR")).text()).isEqualTo("+5 mais");
		assertThat(this.messages.summary(id, 3, true, 9, Locale.FRENCH).text()).isEqualTo("3 new notifications");
		assertThat(this.messages.summary(id, 5, false, 9, Locale.ENGLISH))
			.extracting(DeviceMessage::id, DeviceMessage::count, DeviceMessage::unreadCount)
			.containsExactly(id.toString(), 5, 9);
	}

}
