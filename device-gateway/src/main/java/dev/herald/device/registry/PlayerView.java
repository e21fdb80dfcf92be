package dev.herald.device.registry;

import java.time.Instant;

/**
 * A player as the REST API shows it.
 */
record PlayerView(String playerKey, String name, boolean enabled, QuietHours quietHours, int minIntervalSeconds,
		Instant createdAt, Instant updatedAt) {

	static PlayerView of(Player player) {
		return new PlayerView(player.playerKey(), player.name(), player.enabled(), player.quietHours(),
				player.minIntervalSeconds(), player.createdAt(), player.updatedAt());
	}

}
