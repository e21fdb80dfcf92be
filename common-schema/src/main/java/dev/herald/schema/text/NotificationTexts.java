package dev.herald.schema.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a notification's {@code templateKey} and {@code params} into one line of plain
 * text in a user's language ({@code en}, {@code es}, {@code pt}; English for anything
 * else). Shared so that the inbox, the players and the digests say the same thing. The
 * result is plain text: escape it wherever it is put into markup.
 */
public final class NotificationTexts {

	/** Handle an erased user is shown with; rendered as the localized "deleted user". */
	public static final String DELETED_USER_HANDLE = "[deleted]";

	/** Languages with a bundle of their own. */
	public static final List<String> LANGUAGES = List.of("en", "es", "pt");

	private static final String BUNDLE = "dev.herald.schema.text.notifications";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9]+)}");

	private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private NotificationTexts() {
	}

	public static String render(String templateKey, Map<String, String> params, Locale locale) {
		ResourceBundle bundle = bundle(locale);
		String template = lookup(bundle, templateKey);
		if (template == null) {
			return templateKey;
		}
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder text = new StringBuilder();
		while (matcher.find()) {
			String value = params.getOrDefault(matcher.group(1), "");
			if (DELETED_USER_HANDLE.equals(value)) {
				value = lookup(bundle, "deleted_user");
			}
			matcher.appendReplacement(text, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(text);
		return text.toString();
	}

	/**
	 * Parses a BCP 47 tag or {@code Accept-Language}-style value; English when empty or
	 * unknown.
	 */
	public static Locale localeOf(String tag) {
		if (tag == null || tag.isBlank()) {
			return Locale.ENGLISH;
		}
		Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
		return LANGUAGES.contains(locale.getLanguage()) ? locale : Locale.ENGLISH;
	}

	private static ResourceBundle bundle(Locale locale) {
		Locale language = LANGUAGES.contains(locale.getLanguage()) ? Locale.of(locale.getLanguage()) : Locale.ROOT;
		return ResourceBundle.getBundle(BUNDLE, language, NO_DEFAULT_LOCALE);
	}

	private static String lookup(ResourceBundle bundle, String key) {
		try {
			return bundle.getString(key);
		}
		catch (MissingResourceException ex) {
			return null;
		}
	}

}
