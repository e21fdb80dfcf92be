package dev.herald.schema.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTextsTests {

	private static final Map<String, String> PARAMS = Map.of("actor1", "alice", "actor2", "bob", "others", "3", "title",
			"Sunset");

	private static final Locale ES = Locale.forLanguageTag("es-MX");

	private static final Locale PT = Locale.forLanguageTag("pt-BR");

	@Test
	void preloadRendersEveryTemplateOfEveryLanguage() {
		int keys = 0;
		for (String language : NotificationTexts.LANGUAGES) {
			keys += java.util.Collections
				.list(java.util.ResourceBundle.getBundle("dev.herald.schema.text.notifications", Locale.of(language),
						java.util.ResourceBundle.Control
							.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES))
					.getKeys())
				.size();
		}
		assertThat(NotificationTexts.preload()).isEqualTo(keys).isGreaterThanOrEqualTo(3 * 14);
	}

	@Test
	void rendersInEachLanguage() {
		assertThat(NotificationTexts.render("reaction.many", PARAMS, Locale.ENGLISH))
			.isEqualTo("alice, bob and 3 others reacted to Sunset");
		assertThat(NotificationTexts.render("reaction.many", PARAMS, ES))
			.isEqualTo("alice, bob y 3 personas más reaccionaron a Sunset");
		assertThat(NotificationTexts.render("reaction.many", PARAMS, PT))
			.isEqualTo("alice, bob e mais 3 pessoas reagiram a Sunset");
	}

	@Test
	void englishReactionAndCommentLinesForOneTwoThreeAndAHundredActors() {
		assertThat(lines("reaction", Locale.ENGLISH)).containsExactly("alice reacted \u2764 to Sunset",
				"alice and bob reacted to Sunset", "alice, bob and 1 other reacted to Sunset",
				"alice, bob and 98 others reacted to Sunset");
		assertThat(lines("comment", Locale.ENGLISH)).containsExactly("alice commented on Sunset: \u201cnice\u201d",
				"alice and bob commented on Sunset", "alice, bob and 1 other commented on Sunset",
				"alice, bob and 98 others commented on Sunset");
	}

	@Test
	void spanishReactionAndCommentLinesForOneTwoThreeAndAHundredActors() {
		assertThat(lines("reaction", ES)).containsExactly("alice reaccionó \u2764 a Sunset",
				"alice y bob reaccionaron a Sunset", "alice, bob y 1 persona más reaccionaron a Sunset",
				"alice, bob y 98 personas más reaccionaron a Sunset");
		assertThat(lines("comment", ES)).containsExactly("alice comentó en Sunset: «nice»",
				"alice y bob comentaron en Sunset", "alice, bob y 1 persona más comentaron en Sunset",
				"alice, bob y 98 personas más comentaron en Sunset");
	}

	@Test
	void portugueseReactionAndCommentLinesForOneTwoThreeAndAHundredActors() {
		assertThat(lines("reaction", PT)).containsExactly("alice reagiu \u2764 a Sunset",
				"alice e bob reagiram a Sunset", "alice, bob e mais 1 pessoa reagiram a Sunset",
				"alice, bob e mais 98 pessoas reagiram a Sunset");
		assertThat(lines("comment", PT)).containsExactly("alice comentou em Sunset: \u201cnice\u201d",
				"alice e bob comentaram em Sunset", "alice, bob e mais 1 pessoa comentaram em Sunset",
				"alice, bob e mais 98 pessoas comentaram em Sunset");
	}

	@Test
	void countsWithoutActorsPickThePluralFormInEachLanguage() {
		assertThat(others(Locale.ENGLISH)).containsExactly("1 person reacted to Sunset", "3 people reacted to Sunset",
				"1 person commented on Sunset", "3 people commented on Sunset");
		assertThat(others(ES)).containsExactly("1 persona reaccionó a Sunset", "3 personas reaccionaron a Sunset",
				"1 persona comentó en Sunset", "3 personas comentaron en Sunset");
		assertThat(others(PT)).containsExactly("1 pessoa reagiu a Sunset", "3 pessoas reagiram a Sunset",
				"1 pessoa comentou em Sunset", "3 pessoas comentaram em Sunset");
	}

	@Test
	void missingParamsRenderEmptyAndAMissingOrBrokenCountAsZero() {
		assertThat(NotificationTexts.render("reaction.many", Map.of("actor1", "alice"), Locale.ENGLISH))
			.isEqualTo("alice,  and 0 others reacted to ");
		assertThat(NotificationTexts.render("reaction.others", Map.of("others", "lots", "title", "Sunset"), ES))
			.isEqualTo("0 personas reaccionaron a Sunset");
		assertThat(NotificationTexts.render("follow.one", Map.of(), ES)).isEqualTo(" empezó a seguirte");
		assertThat(NotificationTexts.render("no.such.key", PARAMS, ES)).isEqualTo("no.such.key");
	}

	@Test
	void fallsBackToEnglishWhateverTheJvmLocale() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("es"));
			assertThat(NotificationTexts.render("follow.one", PARAMS, Locale.JAPANESE))
				.isEqualTo("alice started following you");
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void showsAnErasedActorAsDeletedUser() {
		Map<String, String> params = Map.of("actor1", NotificationTexts.DELETED_USER_HANDLE);
		assertThat(NotificationTexts.render("follow.one", params, Locale.ENGLISH))
			.isEqualTo("deleted user started following you");
		assertThat(NotificationTexts.render("follow.one", params, Locale.forLanguageTag("pt")))
			.isEqualTo("usuário excluído começou a seguir você");
	}

	@Test
	void keepsPlaceholderCharactersInValuesLiteral() {
		assertThat(NotificationTexts.render("follow.one", Map.of("actor1", "$1 {title}"), Locale.ENGLISH))
			.isEqualTo("$1 {title} started following you");
	}

	@Test
	void parsesLocaleTags() {
		assertThat(NotificationTexts.localeOf("pt_BR").getLanguage()).isEqualTo("pt");
		assertThat(NotificationTexts.localeOf("de")).isEqualTo(Locale.ENGLISH);
		assertThat(NotificationTexts.localeOf(null)).isEqualTo(Locale.ENGLISH);
	}

	/**
	 * The lines of a reaction or comment with 1, 2, 3 and 100 actors, with the key and
	 * params the store's {@code Template} gives them.
	 */
	private static List<String> lines(String type, Locale locale) {
		return List.of(1, 2, 3, 100).stream().map((actorCount) -> {
			Map<String, String> params = new LinkedHashMap<>();
			params.put("actor1", "alice");
			if (actorCount > 1) {
				params.put("actor2", "bob");
			}
			if (actorCount > 2) {
				params.put("others", Integer.toString(actorCount - 2));
			}
			params.put("reaction", "\u2764");
			params.put("preview", "nice");
			params.put("title", "Sunset");
			String plurality = switch (actorCount) {
				case 1 -> "one";
				case 2 -> "two";
				default -> "many";
			};
			return NotificationTexts.render(type + "." + plurality, params, locale);
		}).toList();
	}

	/** Reactions and comments of 1 and 3 actors of whom none is shown. */
	private static List<String> others(Locale locale) {
		return List.of("reaction", "comment")
			.stream()
			.flatMap((type) -> List.of(1, 3)
				.stream()
				.map((count) -> NotificationTexts.render(type + ".others",
						Map.of("others", Integer.toString(count), "title", "Sunset"), locale)))
			.toList();
	}

}
