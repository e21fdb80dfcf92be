package dev.herald.device.preferences;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.herald.device.registry.QuietHours;

/**
 * A user's language, time zone and quiet hours.
 *
 * @param userId the user
 * @param locale language of the texts sent to their players
 * @param zone where their quiet hours are reckoned
 * @param quietHours their quiet hours, or {@code null}
 */
public record UserSettings(String userId, Locale locale, ZoneId zone, QuietHours quietHours) {

	/** English, UTC, no quiet hours: for users whose preferences were never seen. */
	public static UserSettings defaults(String userId) {
		return new UserSettings(userId, Locale.ENGLISH, ZoneOffset.UTC, null);
	}

}
