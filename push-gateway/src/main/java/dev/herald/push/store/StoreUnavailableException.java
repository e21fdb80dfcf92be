package dev.herald.push.store;

import org.springframework.core.NestedExceptionUtils;

/**
 * The store could not be reached or answered with an error; the message names the root
 * cause (a timeout, a refused connection, a status) as well as the operation.
 */
public class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException(String operation, Throwable cause) {
		super(message(operation, cause), cause);
	}

	private static String message(String operation, Throwable cause) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
		String message = "Store call failed: " + operation + ": " + cause.getMessage();
		return (root == cause) ? message : message + " (" + root + ")";
	}

}
