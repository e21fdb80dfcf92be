package dev.herald.webpush.subscription;

/**
 * The user holds as many subscriptions as allowed.
 */
class TooManySubscriptionsException extends RuntimeException {

	TooManySubscriptionsException(int limit) {
		super("At most " + limit + " push subscriptions per user; delete one first");
	}

}
