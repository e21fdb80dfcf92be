package dev.herald.digest.delivery;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The digest's subject, heading and "and N more" pick their plural form by the language's
 * rules.
 */
class IcuMessageSourceTests {

	private static final List<Integer> COUNTS = List.of(1, 2, 3, 100);

	private final MessageSource messages = new IcuMessageSource("messages.digest");

	@Test
	void englishForOneTwoThreeAndAHundred() {
		assertThat(render("digest.subject", Locale.ENGLISH)).containsExactly("You have 1 new notification",
				"You have 2 new notifications", "You have 3 new notifications", "You have 100 new notifications");
		assertThat(render("digest.heading", Locale.ENGLISH)).containsExactly(
				"Here is what happened while you were away", "Here are the 2 things that happened while you were away",
				"Here are the 3 things that happened while you were away",
				"Here are the 100 things that happened while you were away");
		assertThat(render("digest.more", Locale.ENGLISH)).containsExactly("and 1 more", "and 2 more", "and 3 more",
				"and 100 more");
	}

	@Test
	void spanishForOneTwoThreeAndAHundred() {
		Locale es = Locale.forLanguageTag("es-MX");
		assertThat(render("digest.subject", es)).containsExactly("Tienes 1 notificación nueva",
				"Tienes 2 notificaciones nuevas", "Tienes 3 notificaciones nuevas", "Tienes 100 notificaciones nuevas");
		assertThat(render("digest.heading", es)).containsExactly("Esto es lo que pasó mientras no estabas",
				"Estas son las 2 cosas que pasaron mientras no estabas",
				"Estas son las 3 cosas que pasaron mientras no estabas",
				"Estas son las 100 cosas que pasaron mientras no estabas");
		assertThat(render("digest.more", es)).containsExactly("y 1 más", "y 2 más", "y 3 más", "y 100 más");
	}

	@Test
	void portugueseForOneTwoThreeAndAHundred() {
		Locale pt = Locale.forLanguageTag("pt-BR");
		assertThat(render("digest.subject", pt)).containsExactly("Você tem 1 nova notificação",
				"Você tem 2 novas notificações", "Você tem 3 novas notificações", "Você tem 100 novas notificações");
		assertThat(render("digest.heading", pt)).containsExactly("Veja o que aconteceu enquanto você estava fora",
				"Veja as 2 coisas que aconteceram enquanto você estava fora",
				"Veja as 3 coisas que aconteceram enquanto você estava fora",
				"Veja as 100 coisas que aconteceram enquanto você estava fora");
		assertThat(render("digest.more", pt)).containsExactly("e mais 1", "e mais 2", "e mais 3", "e mais 100");
	}

	@Test
	void noneTakesTheFormOfTheLanguagesRules() {
		// CLDR: Portuguese counts 0 like 1, English and Spanish like 2
		assertThat(this.messages.getMessage("digest.subject", new Object[] { 0 }, Locale.ENGLISH))
			.isEqualTo("You have 0 new notifications");
		assertThat(this.messages.getMessage("digest.subject", new Object[] { 0 }, Locale.of("es")))
			.isEqualTo("Tienes 0 notificaciones nuevas");
		assertThat(this.messages.getMessage("digest.subject", new Object[] { 0 }, Locale.of("pt")))
			.isEqualTo("Você tem 0 nova notificação");
	}

	@Test
	void otherLanguagesReadEnglishWhateverTheJvmLocale() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("pt"));
			assertThat(this.messages.getMessage("digest.subject", new Object[] { 1 }, Locale.JAPANESE))
				.isEqualTo("You have 1 new notification");
			assertThat(this.messages.getMessage("digest.button", null, Locale.GERMAN)).isEqualTo("Open your inbox");
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void argumentsComeOutVerbatimAndUnknownCodesAreMissing() {
		assertThat(this.messages.getMessage("digest.greeting", new Object[] { "Ana {0} 'x' #" }, Locale.ENGLISH))
			.isEqualTo("Hi Ana {0} 'x' #,");
		assertThat(this.messages.getMessage("digest.nothing", null, "fallback", Locale.ENGLISH)).isEqualTo("fallback");
		assertThatExceptionOfType(NoSuchMessageException.class)
			.isThrownBy(() -> this.messages.getMessage("digest.nothing", null, Locale.ENGLISH));
	}

	private List<String> render(String code, Locale locale) {
		return COUNTS.stream().map((count) -> this.messages.getMessage(code, new Object[] { count }, locale)).toList();
	}

}
