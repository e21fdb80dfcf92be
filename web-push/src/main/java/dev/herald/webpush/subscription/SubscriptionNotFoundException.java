package dev.herald.webpush.subscription;

import java.util.UUID;

/**
 * No subscription with this id belongs to the caller.
 */
class SubscriptionNotFoundException extends RuntimeException {

	SubscriptionNotFoundException(UUID id) {
		super("No subscription " + id + " of yours");
	}

}
