package dev.herald.device.registry;

/**
 * A request field is well-formed but not acceptable, e.g. quiet hours that start where
 * they end.
 */
class InvalidPlayerException extends RuntimeException {

	private final String field;

	InvalidPlayerException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
