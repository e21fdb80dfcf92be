package dev.herald.device.registry;

/**
 * A player was registered or its settings changed.
 *
 * @param playerKey the player
 * @param userId its owner
 */
public record PlayerRegistered(String playerKey, String userId) {

}
