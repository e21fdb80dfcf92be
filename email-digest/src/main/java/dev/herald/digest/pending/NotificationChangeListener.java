package dev.herald.digest.pending;

import dev.herald.schema.NotificationChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code notifications.v1}: new and grown notifications become pending items,
 * read and deleted ones leave.
 */
@Component
class NotificationChangeListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationChangeListener.class);

	private final PendingChanges changes;

	NotificationChangeListener(PendingChanges changes) {
		this.changes = changes;
	}

	@KafkaListener(id = "digest-notifications", idIsGroup = false,
			topics = "#{T(dev.herald.schema.topic.Topics).NOTIFICATIONS.name()}",
			containerFactory = "notificationsListenerFactory")
	void on(ConsumerRecord<String, NotificationChange> record) {
		if (record.value() == null) {
			log.debug("Ignored empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
			return;
		}
		this.changes.apply(record.key(), record.value());
		log.debug("Applied {} {} of {}", record.value().getKind(), record.value().getSeq(), record.key());
	}

}
