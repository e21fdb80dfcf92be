package dev.herald.device.delivery;

import dev.herald.schema.NotificationChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code notifications.v1}. The offset is committed only after the change was
 * applied and the broker acknowledged every publish; a broker outage makes the listener
 * fail and the record come again.
 */
@Component
class NotificationChangeListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationChangeListener.class);

	private final DeliveryService delivery;

	NotificationChangeListener(DeliveryService delivery) {
		this.delivery = delivery;
	}

	@KafkaListener(id = "device-notifications", idIsGroup = false, topics = "notifications.v1",
			containerFactory = "notificationsListenerFactory")
	void on(NotificationChange change) {
		log.debug("Change {} {} of user {}", change.getSeq(), change.getKind(), change.getUserId());
		this.delivery.on(change);
	}

}
