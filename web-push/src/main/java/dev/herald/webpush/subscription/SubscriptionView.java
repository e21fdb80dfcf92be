package dev.herald.webpush.subscription;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription as the API shows it: its keys stay on the server.
 *
 * @param id its id
 * @param endpoint its push service URL
 * @param createdAt when it was registered
 */
record SubscriptionView(UUID id, String endpoint, Instant createdAt) {

	static SubscriptionView of(Subscription subscription) {
		return new SubscriptionView(subscription.id(), subscription.endpoint(), subscription.createdAt());
	}

}
