package dev.herald.digest.delivery;

/**
 * How sending one e-mail ended.
 *
 * @param result the outcome
 * @param reason why it failed, or {@code null} when sent
 */
public record DeliveryOutcome(Result result, String reason) {

	static DeliveryOutcome sent() {
		return new DeliveryOutcome(Result.SENT, null);
	}

	/** The outcomes. */
	public enum Result {

		/** The SMTP server accepted the message. */
		SENT,
		/** Temporary failures (4xx, connection refused) until the retries ran out. */
		RETRIES_EXHAUSTED,
		/** The server refused it for good (5xx), or it could not be built. */
		PERMANENT_FAILURE,
		/** An error that leaves open whether the server took the message. */
		UNKNOWN

	}

}
