package dev.herald.device.registry;

import java.time.Instant;

/**
 * A registered player.
 *
 * @param playerKey the key the player subscribes with, unique across users
 * @param userId its owner
 * @param name a name the owner chose
 * @param enabled whether it receives messages
 * @param quietHours its own quiet hours, or {@code null} to use the owner's preferences
 * @param minIntervalSeconds at most one message per this many seconds
 * @param createdAt when it was registered
 * @param updatedAt when it was last changed
 */
public record Player(String playerKey, String userId, String name, boolean enabled, QuietHours quietHours,
		int minIntervalSeconds, Instant createdAt, Instant updatedAt) {

}
