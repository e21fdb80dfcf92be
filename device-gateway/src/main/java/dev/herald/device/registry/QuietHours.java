package dev.herald.device.registry;

import java.time.LocalTime;

import jakarta.validation.constraints.NotNull;

/**
 * A daily window, in the user's local time, during which a player stays dark. It may span
 * midnight (22:00 to 07:00); the end is exclusive.
 *
 * @param start first quiet minute
 * @param end first minute after the quiet window
 */
public record QuietHours(@NotNull LocalTime start, @NotNull LocalTime end) {

	public static QuietHours ofNullable(LocalTime start, LocalTime end) {
		return (start != null && end != null) ? new QuietHours(start, end) : null;
	}

	public boolean contains(LocalTime time) {
		if (this.start.isBefore(this.end)) {
			return !time.isBefore(this.start) && time.isBefore(this.end);
		}
		return !time.isBefore(this.start) || time.isBefore(this.end);
	}

}
