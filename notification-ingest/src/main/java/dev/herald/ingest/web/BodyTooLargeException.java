package dev.herald.ingest.web;

import org.springframework.util.unit.DataSize;

/** A request body over the configured limit; answered 413. */
class BodyTooLargeException extends RuntimeException {

	BodyTooLargeException(DataSize limit) {
		super("The request body is larger than " + limit.toBytes() + " bytes");
	}

}
