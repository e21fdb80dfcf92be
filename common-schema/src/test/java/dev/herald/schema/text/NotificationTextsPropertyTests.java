package dev.herald.schema.text;

import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handles, titles and previews are user input: whatever ICU syntax they hold, they come
 * out as they went in, next to a plural form too.
 */
class NotificationTextsPropertyTests {

	@Property
	void handlesTitlesAndPreviewsComeOutVerbatim(@ForAll("languages") String language, @ForAll("texts") String actor1,
			@ForAll("texts") String actor2, @ForAll("texts") String title, @ForAll("texts") String preview,
			@ForAll @IntRange(min = 1, max = 999) int others) {
		Locale locale = Locale.of(language);
		String count = Integer.toString(others);
		Map<String, String> params = Map.of("actor1", actor1, "actor2", actor2, "others", count, "title", title,
				"preview", preview);
		String people = switch (language) {
			case "es" -> (others == 1) ? "1 persona más" : count + " personas más";
			case "pt" -> (others == 1) ? "1 pessoa" : count + " pessoas";
			default -> (others == 1) ? "1 other" : count + " others";
		};
		String many = switch (language) {
			case "es" -> actor1 + ", " + actor2 + " y " + people + " reaccionaron a " + title;
			case "pt" -> actor1 + ", " + actor2 + " e mais " + people + " reagiram a " + title;
			default -> actor1 + ", " + actor2 + " and " + people + " reacted to " + title;
		};
		String one = switch (language) {
			case "es" -> actor1 + " comentó en " + title + ": «" + preview + "»";
			case "pt" -> actor1 + " comentou em " + title + ": \u201c" + preview + "\u201d";
			default -> actor1 + " commented on " + title + ": \u201c" + preview + "\u201d";
		};
		assertThat(NotificationTexts.render("reaction.many", params, locale)).isEqualTo(many);
		assertThat(NotificationTexts.render("comment.one", params, locale)).isEqualTo(one);
	}

	@Provide
	Arbitrary<String> languages() {
		return Arbitraries.of(NotificationTexts.LANGUAGES);
	}

	/** Any text, and often one made of ICU's syntax characters. */
	@Provide
	Arbitrary<String> texts() {
		return Arbitraries
			.oneOf(Arbitraries.strings().withChars("{}'#|,$\\ 0a").ofMaxLength(12), Arbitraries.strings().all())
			.filter((text) -> !NotificationTexts.DELETED_USER_HANDLE.equals(text));
	}

}
