package dev.herald.webpush.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} header (RFC 9110 10.2.3): delay-seconds or an HTTP-date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/** The wait it asks for, never negative; {@code null} if absent or unreadable. */
	static Duration parse(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
		}
		catch (NumberFormatException ex) {
			try {
				Duration until = Duration.between(clock.instant(),
						ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
