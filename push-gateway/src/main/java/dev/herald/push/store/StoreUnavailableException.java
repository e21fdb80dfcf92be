package dev.herald.push.store;

/** The store could not be reached or answered with an error. */
public class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException(String operation, Throwable cause) {
		super("Store call failed: " + operation + ": " + cause.getMessage(), cause);
	}

}
