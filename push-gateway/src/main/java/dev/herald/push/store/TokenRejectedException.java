package dev.herald.push.store;

/**
 * The store did not accept the user's token (expired or revoked since the handshake, or
 * not valid for the store).
 */
public class TokenRejectedException extends RuntimeException {

	TokenRejectedException() {
		super("The store rejected the user's token");
	}

}
