package dev.herald.digest.emaillog;

/**
 * A query parameter of the admin API that cannot be used.
 */
public class InvalidFilterException extends RuntimeException {

	private final String field;

	InvalidFilterException(String field, String message) {
		super(field + " " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

	public String problem() {
		return getMessage().substring(this.field.length() + 1);
	}

}
