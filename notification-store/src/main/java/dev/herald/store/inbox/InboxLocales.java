package dev.herald.store.inbox;

import java.util.List;
import java.util.Locale;

import dev.herald.schema.text.NotificationTexts;
import dev.herald.store.preferences.PreferencesRepository;

import org.springframework.stereotype.Component;

/**
 * The language texts are rendered in: the best {@code Accept-Language} match among the
 * bundled languages, else the user's preferred locale, else English.
 */
@Component
class InboxLocales {

	private final PreferencesRepository preferences;

	InboxLocales(PreferencesRepository preferences) {
		this.preferences = preferences;
	}

	Locale resolve(String acceptLanguage, String userId) {
		if (acceptLanguage != null && !acceptLanguage.isBlank()) {
			try {
				List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
				String tag = Locale.lookupTag(ranges, NotificationTexts.LANGUAGES);
				if (tag != null) {
					return Locale.forLanguageTag(tag);
				}
			}
			catch (IllegalArgumentException ex) {
				// A malformed header counts as absent.
			}
		}
		return NotificationTexts.localeOf(this.preferences.find(userId).locale());
	}

}
