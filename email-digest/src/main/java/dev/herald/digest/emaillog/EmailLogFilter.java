package dev.herald.digest.emaillog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * What the admin asks of the log.
 *
 * @param userId only this user's e-mails, or {@code null}
 * @param status only e-mails in this status, or {@code null}
 * @param from created at or after, or {@code null}
 * @param to created before, or {@code null}
 * @param limit page size
 * @param after continue after this entry, or {@code null}
 */
record EmailLogFilter(String userId, DeliveryStatus status, Instant from, Instant to, int limit, Position after) {

	/**
	 * Where a page ended; opaque to clients.
	 *
	 * @param createdAt the last entry's creation time
	 * @param digestId the last entry's id
	 */
	record Position(Instant createdAt, UUID digestId) {

		String encode() {
			String raw = this.createdAt + "|" + this.digestId;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Position decode(String cursor) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				int bar = raw.indexOf('|');
				return new Position(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
			}
			catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException ex) {
				throw new InvalidFilterException("cursor", "is not a cursor this API returned");
			}
		}

	}

}
