package dev.herald.ingest.input;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * Turns user text into plain text: markup removed with jsoup ({@link Safelist#none()}),
 * entities decoded, whitespace tidied, and lengths capped by user-perceived characters
 * (grapheme clusters), so an emoji sequence is never cut in half.
 */
public final class PlainText {

	/** Appended to text that was cut. */
	public static final String ELLIPSIS = "…";

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private static final Pattern LINE_SPACES = Pattern.compile("[\\t\\x0B\\f ]+");

	private static final Document.OutputSettings RAW = new Document.OutputSettings().prettyPrint(false);

	private PlainText() {
	}

	/** Plain text on one line: every run of whitespace becomes one space. */
	public static String singleLine(String raw) {
		return SPACES.matcher(stripMarkup(raw)).replaceAll(" ").trim();
	}

	/** Plain text that keeps its line breaks. */
	public static String multiLine(String raw) {
		String text = stripMarkup(raw).replace("\r\n", "\n").replace('\r', '\n');
		return LINE_SPACES.matcher(text).replaceAll(" ").trim();
	}

	/**
	 * {@code text} if it has at most {@code max} grapheme clusters, else its first
	 * {@code max - 1} followed by {@link #ELLIPSIS}.
	 */
	public static String cap(String text, int max) {
		BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
		graphemes.setText(text);
		int end = graphemes.first();
		for (int count = 0; count < max - 1 && end != BreakIterator.DONE; count++) {
			end = graphemes.next();
		}
		if (end == BreakIterator.DONE || graphemes.next() == BreakIterator.DONE
				|| graphemes.next() == BreakIterator.DONE) {
			return text;
		}
		return text.substring(0, end).stripTrailing() + ELLIPSIS;
	}

	/**
	 * Text with neither a tag nor an entity is already plain: jsoup is only needed (and
	 * only costs its parse) when there is a {@code <} or an {@code &}, or one of the two
	 * characters its reader drops (NUL, and U+FFFF, its end-of-input mark).
	 */
	static String stripMarkup(String raw) {
		if (raw.indexOf('<') < 0 && raw.indexOf('&') < 0 && raw.indexOf('\0') < 0 && raw.indexOf('\uFFFF') < 0) {
			return raw;
		}
		return jsoup(raw);
	}

	static String jsoup(String raw) {
		return Parser.unescapeEntities(Jsoup.clean(raw, "", Safelist.none(), RAW), false);
	}

}
