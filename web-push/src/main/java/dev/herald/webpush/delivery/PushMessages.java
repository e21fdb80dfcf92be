package dev.herald.webpush.delivery;

import java.util.Locale;
import java.util.ResourceBundle;

import dev.herald.schema.Notification;
import dev.herald.schema.text.NotificationTexts;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Builds the payload of a push: texts in the user's language, the click URL, the unread
 * count. Push services take about 4 KB of payload, so the body is cut well below that.
 */
@Component
class PushMessages {

	static final int MAX_BODY_LENGTH = 1000;

	private static final String BUNDLE = "dev.herald.webpush.delivery.titles";

	private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	PushMessage of(Notification notification, int unreadCount, Locale locale) {
		String body = NotificationTexts.render(notification.getTemplateKey(), notification.getParams(), locale);
		return new PushMessage(notification.getId(), notification.getType().name(), title(notification, locale),
				shorten(body), url(notification), unreadCount, notification.getCritical());
	}

	byte[] json(PushMessage message) {
		return JSON.writeValueAsBytes(message);
	}

	/** An announcement's or moderation notice's own title, else one for its type. */
	private static String title(Notification notification, Locale locale) {
		if (notification.getMessage() != null && notification.getMessage().getTitle() != null
				&& !notification.getMessage().getTitle().isBlank()) {
			return shorten(notification.getMessage().getTitle());
		}
		return bundle(locale).getString(notification.getType().name());
	}

	/** Where the notification leads: its action URL, else its content's URL. */
	private static String url(Notification notification) {
		if (notification.getActionUrl() != null) {
			return notification.getActionUrl();
		}
		return (notification.getContent() != null) ? notification.getContent().getUrl() : null;
	}

	private static String shorten(String text) {
		if (text == null || text.codePointCount(0, text.length()) <= MAX_BODY_LENGTH) {
			return text;
		}
		int end = text.offsetByCodePoints(0, MAX_BODY_LENGTH - 1);
		return text.substring(0, end).stripTrailing() + "\u2026";
	}

	private static ResourceBundle bundle(Locale locale) {
		String language = NotificationTexts.LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
		return ResourceBundle.getBundle(BUNDLE, "en".equals(language) ? Locale.ROOT : Locale.of(language),
				NO_DEFAULT_LOCALE);
	}

}
