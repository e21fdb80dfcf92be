package dev.herald.device.registry;

/**
 * The caller has no player with this key.
 */
class PlayerNotFoundException extends RuntimeException {

	PlayerNotFoundException(String playerKey) {
		super("No player '" + playerKey + "' is registered for this user");
	}

}
