package dev.herald.store.unsubscribe;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of the unsubscribe page: the one the user saved in their preferences, when
 * the link names such a user and the page speaks it (the digest e-mail that carried the
 * link was in it too); otherwise the browser's ({@code Accept-Language}) among the page's
 * languages; otherwise English.
 */
class PageLocaleResolver extends AcceptHeaderLocaleResolver {

	/** The languages of {@code messages/unsubscribe*.properties}. */
	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.of("es"), Locale.of("pt"));

	private static final String ATTRIBUTE = PageLocaleResolver.class.getName() + ".saved";

	PageLocaleResolver() {
		setSupportedLocales(LANGUAGES);
		setDefaultLocale(Locale.ENGLISH);
	}

	/**
	 * Makes the page speak the user's saved language, if it is one of the page's.
	 * @param request the request being answered
	 * @param languageTag the user's saved BCP 47 tag, may be null
	 */
	static void useSaved(HttpServletRequest request, String languageTag) {
		supported(languageTag).ifPresent((locale) -> request.setAttribute(ATTRIBUTE, locale));
	}

	static Optional<Locale> supported(String languageTag) {
		if (languageTag == null || languageTag.isBlank()) {
			return Optional.empty();
		}
		String language = Locale.forLanguageTag(languageTag).getLanguage();
		return LANGUAGES.stream().filter((locale) -> locale.getLanguage().equals(language)).findFirst();
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Locale saved) {
			return saved;
		}
		return super.resolveLocale(request);
	}

}
