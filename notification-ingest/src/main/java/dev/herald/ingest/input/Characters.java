package dev.herald.ingest.input;

/**
 * Refuses text that no user typed: control characters (line breaks and tabs aside, where
 * allowed). Unpaired surrogates and invalid UTF-8 never get here: the shared JSON reading
 * of service-support refuses the body.
 */
final class Characters {

	private Characters() {
	}

	/** What is wrong with {@code value}'s characters, or {@code null}. */
	static String problem(String value, boolean allowLineBreaks) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) && !(allowLineBreaks && isLineBreakOrTab(c))) {
				return "must not contain control characters (U+%04X at index %d)".formatted((int) c, i);
			}
		}
		return null;
	}

	private static boolean isLineBreakOrTab(char c) {
		return c == '\n' || c == '\r' || c == '\t';
	}

}
