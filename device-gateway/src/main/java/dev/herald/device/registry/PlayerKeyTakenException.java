package dev.herald.device.registry;

/**
 * The player key is registered to another user.
 */
class PlayerKeyTakenException extends RuntimeException {

	PlayerKeyTakenException(String playerKey) {
		super("Player key '" + playerKey + "' belongs to another user");
	}

}
