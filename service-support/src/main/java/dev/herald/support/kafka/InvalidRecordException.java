package dev.herald.support.kafka;

/**
 * A record that decoded but cannot be processed (a missing field, an impossible value).
 * Never retried: the error handler sends it to the dead-letter topic with this message.
 */
public class InvalidRecordException extends RuntimeException {

	public InvalidRecordException(String message) {
		super(message);
	}

}
