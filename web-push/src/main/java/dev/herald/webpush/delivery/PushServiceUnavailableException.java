package dev.herald.webpush.delivery;

/**
 * A push service did not take a message after the {@code webpush} retries (5xx, 429, no
 * answer): an outage, so the record is tried again later, never dead-lettered.
 */
public class PushServiceUnavailableException extends RuntimeException {

	public PushServiceUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
