package dev.herald.support.web;

/**
 * A request body whose text is not what any user typed: invalid in its charset (overlong
 * or truncated UTF-8, encoded surrogates, bytes above F4) or holding an unpaired UTF-16
 * surrogate escape ({@code \ud800}). Answered as a 400 naming the field it was found in.
 */
class UnreadableTextException extends RuntimeException {

	private final String field;

	UnreadableTextException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
