package dev.herald.ingest.input;

/**
 * How a piece of user text is cleaned.
 *
 * @param maxLength most grapheme clusters kept, the last being an ellipsis when cut
 * @param required whether the text must be present and non-blank
 * @param multiLine whether line breaks are kept
 */
public record TextRule(int maxLength, boolean required, boolean multiLine) {

	public static TextRule line(int maxLength, boolean required) {
		return new TextRule(maxLength, required, false);
	}

	public static TextRule lines(int maxLength, boolean required) {
		return new TextRule(maxLength, required, true);
	}

}
