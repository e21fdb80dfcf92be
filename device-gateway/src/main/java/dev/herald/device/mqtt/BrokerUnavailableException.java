package dev.herald.device.mqtt;

/**
 * The broker did not acknowledge a publish: it is down, unreachable, refused it, or the
 * circuit breaker is open. Callers must not treat the message as delivered.
 */
public class BrokerUnavailableException extends RuntimeException {

	public BrokerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
