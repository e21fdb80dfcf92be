package dev.herald.ingest.web;

/**
 * A request refused because ingest is already handling as many requests, or as many body
 * bytes, as {@code herald.ingest.in-flight} allows.
 */
class OverloadedException extends RuntimeException {

	OverloadedException(String message) {
		super(message);
	}

}
