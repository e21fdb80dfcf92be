package dev.herald.digest.recipients;

import java.time.ZoneId;
import java.util.Locale;

import dev.herald.schema.DigestFrequency;

/**
 * Everything needed to mail one user, merged from their contact, their preferences and
 * the defaults.
 *
 * @param userId the user
 * @param email their address, or {@code null} when unknown
 * @param displayName their name, or {@code null}
 * @param locale the language of their e-mails
 * @param zone their time zone
 * @param cadence their digest schedule
 */
public record Recipient(String userId, String email, String displayName, Locale locale, ZoneId zone, Cadence cadence) {

	public boolean hasAddress() {
		return this.email != null && !this.email.isBlank();
	}

	public boolean wantsDigests() {
		return this.cadence.frequency() != DigestFrequency.OFF;
	}

}
