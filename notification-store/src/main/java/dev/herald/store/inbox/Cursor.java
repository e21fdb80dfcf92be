package dev.herald.store.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The opaque keyset position of an inbox page: the last item's creation time and id.
 *
 * @param createdAt creation time of the last item returned
 * @param id id of the last item returned
 */
record Cursor(Instant createdAt, UUID id) {

	String encode() {
		String plain = this.createdAt.toEpochMilli() + ":" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	static Cursor decode(String cursor) {
		try {
			String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int colon = plain.indexOf(':');
			return new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
					UUID.fromString(plain.substring(colon + 1)));
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					HeraldProblemHandler.badRequest(List.of(new FieldProblem("cursor", "is not a valid cursor"))), ex);
		}
	}

}
