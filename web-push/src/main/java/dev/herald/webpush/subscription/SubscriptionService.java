package dev.herald.webpush.subscription;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.herald.webpush.WebPushProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and removes a user's subscriptions, at most
 * {@code herald.webpush.max-subscriptions-per-user} each.
 */
@Service
class SubscriptionService {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

	private final SubscriptionRepository subscriptions;

	private final EndpointPolicy policy;

	private final int limit;

	private final Clock clock;

	SubscriptionService(SubscriptionRepository subscriptions, EndpointPolicy policy, WebPushProperties properties,
			Clock clock) {
		this.subscriptions = subscriptions;
		this.policy = policy;
		this.limit = properties.maxSubscriptionsPerUser();
		this.clock = clock;
	}

	List<Subscription> list(String userId) {
		return this.subscriptions.findByUser(userId);
	}

	@Transactional
	SubscriptionRepository.Saved subscribe(String userId, SubscriptionRequest request) {
		this.policy.check(request.endpoint(), request.keys().p256dh(), request.keys().auth());
		this.subscriptions.lockUser(userId);
		if (this.subscriptions.countOthers(userId, request.endpoint()) >= this.limit) {
			throw new TooManySubscriptionsException(this.limit);
		}
		SubscriptionRepository.Saved saved = this.subscriptions.save(userId, request.endpoint(),
				request.keys().p256dh(), request.keys().auth(), this.clock.instant());
		log.debug("Subscription {} of user {} {}", saved.subscription().id(), userId,
				saved.created() ? "registered" : "renewed");
		return saved;
	}

	void unsubscribe(String userId, UUID id) {
		if (!this.subscriptions.delete(userId, id)) {
			throw new SubscriptionNotFoundException(id);
		}
	}

}
