package dev.herald.schema.text;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTextsTests {

	private static final Map<String, String> PARAMS = Map.of("actor1", "alice", "actor2", "bob", "others", "3", "title",
			"Sunset");

	@Test
	void rendersInEachLanguage() {
		assertThat(NotificationTexts.render("reaction.many", PARAMS, Locale.ENGLISH))
			.isEqualTo("alice, bob and 3 others reacted to Sunset");
		assertThat(NotificationTexts.render("reaction.many", PARAMS, Locale.forLanguageTag("es-MX")))
			.isEqualTo("alice, bob y 3 más reaccionaron a Sunset");
		assertThat(NotificationTexts.render("reaction.many", PARAMS, Locale.forLanguageTag("pt-BR")))
			.isEqualTo("alice, bob e mais 3 reagiram a Sunset");
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

}
