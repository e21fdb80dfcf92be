package dev.herald.webpush.delivery;

import java.time.Duration;

/**
 * One attempt the push service declined for now (429, 5xx) or did not answer; retried by
 * the {@code webpush} retry, after {@code Retry-After} when the service sent one.
 */
class PushServiceBusyException extends RuntimeException {

	private final Duration retryAfter;

	PushServiceBusyException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** The push service's {@code Retry-After}, or {@code null}. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
