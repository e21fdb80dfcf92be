package dev.herald.ingest.publish;

import java.time.Duration;

/** Kafka did not acknowledge every record in time, or the circuit breaker is open. */
public class PublishUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	PublishUnavailableException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** When the caller should try again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
