package dev.herald.webpush.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.interaso.webpush.WebPush;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import dev.herald.webpush.WebPushProperties;
import dev.herald.webpush.preferences.UserLocales;
import dev.herald.webpush.subscription.Subscription;
import dev.herald.webpush.subscription.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Sends a change to every push subscription of its user: a {@code CREATED} change, or an
 * {@code UPDATED} one that grew an aggregate (the store marks both {@code webPush} when
 * the preferences allow; other updates are not), while the notification is unread.
 * <p>
 * Each subscription records the last change sent to it, written right after the push
 * service accepted it, so a change Kafka delivers again (after a restart, or a retry
 * because another subscription's push service was down) is not sent to it twice. A
 * duplicate remains possible only if the process dies between the push service's answer
 * and that one-row update; the RFC 8030 {@code Topic} (from the notification id) and the
 * service worker's {@code tag} then replace the first copy instead of showing two.
 */
@Service
class DeliveryService {

	private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

	private final SubscriptionRepository subscriptions;

	private final UserLocales locales;

	private final PushMessages messages;

	private final PushSender sender;

	private final DeliveryMetrics metrics;

	private final WebPushProperties properties;

	private final Clock clock;

	DeliveryService(SubscriptionRepository subscriptions, UserLocales locales, PushMessages messages, PushSender sender,
			DeliveryMetrics metrics, WebPushProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.locales = locales;
		this.messages = messages;
		this.sender = sender;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	void apply(NotificationChange change) {
		validate(change);
		if (!pushed(change)) {
			return;
		}
		List<Subscription> targets = this.subscriptions.findByUser(change.getUserId());
		if (targets.isEmpty()) {
			return;
		}
		PushRequest request = request(change);
		for (Subscription subscription : targets) {
			if (subscription.deliveredSeq() >= change.getSeq()) {
				this.metrics.skipped("delivered");
			}
			else if (change.getEmittedAt().isBefore(subscription.createdAt())) {
				this.metrics.skipped("before-subscription");
			}
			else {
				send(subscription, change, request);
			}
		}
	}

	private void send(Subscription subscription, NotificationChange change, PushRequest request) {
		PushOutcome outcome = this.sender.send(subscription, request);
		this.metrics.outcome(outcome);
		switch (outcome) {
			case GONE -> {
				log.info("Subscription {} of user {} is gone at its push service; deleted", subscription.id(),
						subscription.userId());
				this.subscriptions.expire(subscription.id());
			}
			case SENT -> {
				this.subscriptions.delivered(subscription.id(), change.getSeq());
				this.metrics.latency(Duration.between(change.getOccurredAt(), this.clock.instant()));
			}
			// refused for good: recorded as done so that it is not tried again
			case REJECTED -> this.subscriptions.delivered(subscription.id(), change.getSeq());
		}
	}

	private static boolean pushed(NotificationChange change) {
		return (change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED) && change.getWebPush()
				&& !change.getNotification().getRead();
	}

	private PushRequest request(NotificationChange change) {
		Notification notification = change.getNotification();
		PushMessage message = this.messages.of(notification, change.getUnreadCount(),
				this.locales.localeOf(change.getUserId()));
		boolean critical = notification.getCritical();
		Duration ttl = critical ? this.properties.criticalTtl() : this.properties.ttl();
		return new PushRequest(this.messages.json(message), (int) Math.min(ttl.toSeconds(), Integer.MAX_VALUE),
				topic(notification.getId()), critical ? WebPush.Urgency.High : WebPush.Urgency.Normal);
	}

	/** RFC 8030 5.4: at most 32 characters of the base64url alphabet. */
	static String topic(String notificationId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(notificationId.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Rejects a change that can never be applied.
	 * @throws InvalidRecordException if it is invalid
	 */
	static void validate(NotificationChange change) {
		boolean needsNotification = change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED;
		if (needsNotification && change.getNotification() == null) {
			throw new InvalidRecordException(change.getKind() + " change " + change.getSeq() + " of user "
					+ change.getUserId() + " has no notification");
		}
		if (change.getUnreadCount() < 0) {
			throw new InvalidRecordException("unreadCount " + change.getUnreadCount() + " is negative");
		}
	}

}
