package dev.herald.ingest.input;

/**
 * Refuses text that no user typed: control characters (line breaks and tabs aside, where
 * allowed) and unpaired UTF-16 surrogates, which escaped JSON strings can smuggle in.
 */
final class Characters {

	private Characters() {
	}

	/** What is wrong with {@code value}'s characters, or {@code null}. */
	static String problem(String value, boolean allowLineBreaks) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "is not valid Unicode (unpaired surrogate at index " + i + ")";
			}
			else if (Character.isISOControl(c) && !(allowLineBreaks && isLineBreakOrTab(c))) {
				return "must not contain control characters (U+%04X at index %d)".formatted((int) c, i);
			}
		}
		return null;
	}

	private static boolean isLineBreakOrTab(char c) {
		return c == '\n' || c == '\r' || c == '\t';
	}

}
