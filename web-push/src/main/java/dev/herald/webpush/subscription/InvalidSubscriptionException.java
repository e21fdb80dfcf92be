package dev.herald.webpush.subscription;

/**
 * A subscription the service refuses to post to, naming the field at fault.
 */
class InvalidSubscriptionException extends RuntimeException {

	private final String field;

	InvalidSubscriptionException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
