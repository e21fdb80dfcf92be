package dev.herald.schema.text;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;

/**
 * Renders a notification's {@code templateKey} and {@code params} into one line of plain
 * text in a user's language ({@code en}, {@code es}, {@code pt}; English for anything
 * else). Shared so that the inbox, the players and the digests say the same thing. The
 * result is plain text: escape it wherever it is put into markup.
 * <p>
 * The templates are ICU {@link MessageFormat} patterns with named arguments, formatted
 * with the plural rules of the bundle's language: {@code {others, plural, one {# other}
 * other {# others}}}. Every param is passed as an argument, never put into the pattern,
 * so values with ICU syntax ({@code { } ' #}) come out as they are. An argument that a
 * pattern counts with ({@code plural}, {@code selectordinal}, {@code number}) is parsed
 * from its param; a count that is missing or not a number counts as 0. Any other missing
 * param renders as empty.
 */
public final class NotificationTexts {

	/** Handle an erased user is shown with; rendered as the localized "deleted user". */
	public static final String DELETED_USER_HANDLE = "[deleted]";

	/** Languages with a bundle of their own. */
	public static final List<String> LANGUAGES = List.of("en", "es", "pt");

	private static final String BUNDLE = "dev.herald.schema.text.notifications";

	private static final Set<String> NUMBER_STYLES = Set.of("number", "spellout", "ordinal", "duration");

	private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	/** The parsed templates, by language and key (a template that is not there: none). */
	private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

	private NotificationTexts() {
	}

	public static String render(String templateKey, Map<String, String> params, Locale locale) {
		Locale language = LANGUAGES.contains(locale.getLanguage()) ? Locale.of(locale.getLanguage()) : Locale.ENGLISH;
		ResourceBundle bundle = bundle(language);
		Template template = TEMPLATES.computeIfAbsent(language.getLanguage() + ':' + templateKey,
				(key) -> Template.of(lookup(bundle, templateKey), language));
		if (template == null) {
			return templateKey;
		}
		Map<String, Object> arguments = new HashMap<>();
		for (String name : template.arguments()) {
			String value = Objects.requireNonNullElse(params.get(name), "");
			if (template.counts().contains(name)) {
				arguments.put(name, count(value));
			}
			else {
				arguments.put(name, DELETED_USER_HANDLE.equals(value) ? lookup(bundle, "deleted_user") : value);
			}
		}
		return template.format(arguments);
	}

	/**
	 * Parses every template of every language and renders each once, so that the first
	 * notification a service renders does not wait for ICU's classes and data to load
	 * (about 0.3 s on an idle core; in benchmarks on a busy machine it held the gateway's
	 * first frames for seconds). Services that render call it while they start.
	 * @return how many templates were rendered
	 */
	public static int preload() {
		int rendered = 0;
		for (String tag : LANGUAGES) {
			Locale language = Locale.of(tag);
			for (String key : Collections.list(bundle(language).getKeys())) {
				render(key, Map.of("others", "3"), language);
				rendered++;
			}
		}
		return rendered;
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

	private static ResourceBundle bundle(Locale language) {
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

	private static Number count(String value) {
		String number = value.strip();
		try {
			return Long.valueOf(number);
		}
		catch (NumberFormatException ex) {
			try {
				return new BigDecimal(number);
			}
			catch (NumberFormatException notDecimal) {
				return 0L;
			}
		}
	}

	/**
	 * One parsed template.
	 *
	 * @param format the pattern, for the plural rules of its language; not thread-safe,
	 * so each use formats with a copy
	 * @param arguments every argument it names, also those in sub-messages
	 * @param counts the arguments it counts with (plural, number)
	 */
	private record Template(MessageFormat format, Set<String> arguments, Set<String> counts) {

		static Template of(String pattern, Locale language) {
			if (pattern == null) {
				return null;
			}
			MessagePattern parsed = new MessagePattern(pattern);
			Set<String> arguments = new HashSet<>();
			Set<String> counts = new HashSet<>();
			for (int i = 0; i < parsed.countParts(); i++) {
				MessagePattern.Part part = parsed.getPart(i);
				if (part.getType() != MessagePattern.Part.Type.ARG_START) {
					continue;
				}
				String name = parsed.getSubstring(parsed.getPart(i + 1));
				arguments.add(name);
				if (countsWith(parsed, i, part.getArgType())) {
					counts.add(name);
				}
			}
			return new Template(new MessageFormat(pattern, language), Set.copyOf(arguments), Set.copyOf(counts));
		}

		private static boolean countsWith(MessagePattern parsed, int start, MessagePattern.ArgType type) {
			return switch (type) {
				case PLURAL, SELECTORDINAL, CHOICE -> true;
				case SIMPLE -> NUMBER_STYLES.contains(parsed.getSubstring(parsed.getPart(start + 2)));
				default -> false;
			};
		}

		String format(Map<String, Object> arguments) {
			return ((MessageFormat) this.format.clone()).format(arguments);
		}

	}

}
