package dev.herald.device.registry;

/**
 * A player left the registry (deleted, or its owner was erased).
 *
 * @param playerKey the player
 */
public record PlayerRemoved(String playerKey) {

}
