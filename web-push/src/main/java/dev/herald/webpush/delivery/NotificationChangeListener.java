package dev.herald.webpush.delivery;

import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code notifications.v1} one change at a time and sends it to the user's
 * subscriptions. A push service that stays unavailable fails the record with
 * {@link PushServiceUnavailableException}, an outage: the shared error handler tries it
 * again until the service answers (subscriptions that got it already are skipped) and
 * never dead-letters it; an invalid change is dead-lettered.
 */
@Component
class NotificationChangeListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationChangeListener.class);

	private final DeliveryService delivery;

	NotificationChangeListener(DeliveryService delivery) {
		this.delivery = delivery;
	}

	@KafkaListener(id = "webpush-notifications", idIsGroup = false, topics = "notifications.v1",
			containerFactory = "notificationsListenerFactory")
	void on(ConsumerRecord<String, NotificationChange> record) {
		if (record.value() == null) {
			throw new InvalidRecordException("value: a notification change is required, got a tombstone");
		}
		log.debug("Change {} of user {}", record.value().getSeq(), record.value().getUserId());
		this.delivery.apply(record.value());
	}

}
