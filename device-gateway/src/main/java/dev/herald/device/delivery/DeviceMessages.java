package dev.herald.device.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;

import com.ibm.icu.text.MessageFormat;
import dev.herald.device.DeviceProperties;
import dev.herald.schema.Actor;
import dev.herald.schema.Notification;
import dev.herald.schema.text.NotificationTexts;

import org.springframework.stereotype.Component;

/**
 * Builds the compact messages players show: texts in the user's language, cut to what a
 * small display holds.
 */
@Component
class DeviceMessages {

	private static final String BUNDLE = "dev.herald.device.delivery.summaries";

	private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private final int maxTextLength;

	DeviceMessages(DeviceProperties properties) {
		this.maxTextLength = properties.maxTextLength();
	}

	DeviceMessage notification(Notification notification, int unreadCount, Locale locale) {
		String text = NotificationTexts.render(notification.getTemplateKey(), notification.getParams(), locale);
		return new DeviceMessage(DeviceMessage.NOTIFICATION, notification.getId(), shorten(text),
				notification.getReaction(), actor(notification), shorten(title(notification)), url(notification),
				notification.getCommentId(), null, unreadCount, notification.getCritical());
	}

	/**
	 * A summary of {@code count} folded notifications: "+5 more" after a delivered
	 * message, "5 new notifications" when quiet hours held them.
	 */
	DeviceMessage summary(UUID id, int count, boolean held, int unreadCount, Locale locale) {
		Locale language = language(locale);
		String template = bundle(language).getString(held ? "summary.held" : "summary.more");
		String text = new MessageFormat(template, language).format(Map.of("count", count));
		return new DeviceMessage(DeviceMessage.SUMMARY, id.toString(), text, null, null, null, null, null, count,
				unreadCount, false);
	}

	private String shorten(String text) {
		if (text == null || text.codePointCount(0, text.length()) <= this.maxTextLength) {
			return text;
		}
		int end = text.offsetByCodePoints(0, this.maxTextLength - 1);
		return text.substring(0, end).stripTrailing() + "\u2026";
	}

	private static String actor(Notification notification) {
		return notification.getActors()
			.stream()
			.findFirst()
			.map(Actor::getHandle)
			.filter((handle) -> !NotificationTexts.DELETED_USER_HANDLE.equals(handle))
			.orElse(null);
	}

	/** Where the notification leads: its action URL, else its content's URL. */
	private static String url(Notification notification) {
		if (notification.getActionUrl() != null) {
			return notification.getActionUrl();
		}
		return (notification.getContent() != null) ? notification.getContent().getUrl() : null;
	}

	private static String title(Notification notification) {
		if (notification.getContent() != null) {
			return notification.getContent().getTitle();
		}
		return (notification.getMessage() != null) ? notification.getMessage().getTitle() : null;
	}

	/**
	 * The bundle's language, whose plural rules the summaries follow; English otherwise.
	 */
	private static Locale language(Locale locale) {
		return NotificationTexts.LANGUAGES.contains(locale.getLanguage()) ? Locale.of(locale.getLanguage())
				: Locale.ENGLISH;
	}

	private static ResourceBundle bundle(Locale language) {
		return ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH.equals(language) ? Locale.ROOT : language,
				NO_DEFAULT_LOCALE);
	}

}
