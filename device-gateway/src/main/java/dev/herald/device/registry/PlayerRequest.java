package dev.herald.device.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /v1/devices/{playerKey}}: the player's whole settings.
 *
 * @param name required, at most 64 characters
 * @param enabled defaults to {@code true}
 * @param quietHours optional {@code {"start":"22:00","end":"07:00"}}
 * @param minIntervalSeconds 0 to 86400, defaults to 60
 */
record PlayerRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String name,
		Boolean enabled, @Valid QuietHours quietHours, @Min(0) @Max(86_400) Integer minIntervalSeconds) {

	static final int DEFAULT_MIN_INTERVAL_SECONDS = 60;

	boolean enabledOrDefault() {
		return this.enabled == null || this.enabled;
	}

	int minIntervalOrDefault() {
		return (this.minIntervalSeconds != null) ? this.minIntervalSeconds : DEFAULT_MIN_INTERVAL_SECONDS;
	}

}
