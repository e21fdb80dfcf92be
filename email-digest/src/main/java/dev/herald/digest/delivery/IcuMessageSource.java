package dev.herald.digest.delivery;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import com.ibm.icu.text.MessageFormat;
import dev.herald.schema.text.NotificationTexts;

import org.springframework.context.support.AbstractMessageSource;

/**
 * The digest's wording ({@code messages/digest*.properties}) as ICU {@link MessageFormat}
 * patterns, formatted with the plural rules of the bundle's language: {@code {0, plural,
 * one {…} other {…}}}. The languages are those of {@link NotificationTexts}; anything
 * else reads the English base bundle, whatever the JVM's locale. Every message goes
 * through the pattern, so {@code ''} is an apostrophe in all of them. It is the context's
 * {@code messageSource}, so the Thymeleaf templates' {@code #{…}} read it too.
 */
class IcuMessageSource extends AbstractMessageSource {

	private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private final String basename;

	/**
	 * @param basename the bundle's base name, e.g. {@code messages.digest}
	 */
	IcuMessageSource(String basename) {
		this.basename = basename;
	}

	@Override
	protected String getMessageInternal(String code, Object[] args, Locale locale) {
		if (code == null) {
			return null;
		}
		Locale language = (locale != null && NotificationTexts.LANGUAGES.contains(locale.getLanguage()))
				? Locale.of(locale.getLanguage()) : Locale.ENGLISH;
		String pattern = lookup(ResourceBundle.getBundle(this.basename, language, NO_DEFAULT_LOCALE), code);
		if (pattern == null) {
			return getMessageFromParent(code, args, locale);
		}
		Object[] arguments = (args != null) ? resolveArguments(args, language) : new Object[0];
		return new MessageFormat(pattern, language).format(arguments);
	}

	/** Not used: {@link #getMessageInternal} formats with ICU. */
	@Override
	protected java.text.MessageFormat resolveCode(String code, Locale locale) {
		return null;
	}

	private static String lookup(ResourceBundle bundle, String code) {
		try {
			return bundle.getString(code);
		}
		catch (MissingResourceException ex) {
			return null;
		}
	}

}
