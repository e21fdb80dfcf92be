package dev.herald.device.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.herald.device.preferences.UserSettings;
import dev.herald.device.registry.Player;
import dev.herald.device.registry.QuietHours;

/**
 * A player's quiet hours placed in its owner's time zone: the player's own, else the
 * owner's preferences, else none.
 *
 * @param hours the daily window, or {@code null} for none
 * @param zone the owner's time zone
 */
record QuietWindow(QuietHours hours, ZoneId zone) {

	static QuietWindow of(Player player, UserSettings settings) {
		QuietHours hours = (player.quietHours() != null) ? player.quietHours() : settings.quietHours();
		return new QuietWindow(hours, settings.zone());
	}

	boolean contains(Instant instant) {
		return this.hours != null && this.hours.contains(instant.atZone(this.zone).toLocalTime());
	}

	/** The first end of the window after {@code instant}. */
	Instant endAfter(Instant instant) {
		ZonedDateTime local = instant.atZone(this.zone);
		ZonedDateTime end = local.with(this.hours.end());
		return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
	}

}
