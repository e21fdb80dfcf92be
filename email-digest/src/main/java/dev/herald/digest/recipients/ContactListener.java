package dev.herald.digest.recipients;

import dev.herald.schema.UserContact;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code user-contacts.v1}: addresses, names, languages; tombstones erase.
 */
@Component
class ContactListener {

	private static final Logger log = LoggerFactory.getLogger(ContactListener.class);

	private final RecipientCopies copies;

	ContactListener(RecipientCopies copies) {
		this.copies = copies;
	}

	@KafkaListener(id = "digest-contacts", idIsGroup = false,
			topics = "#{T(dev.herald.schema.topic.Topics).USER_CONTACTS.name()}",
			containerFactory = "contactsListenerFactory")
	void on(ConsumerRecord<String, UserContact> record) {
		this.copies.applyContact(record.key(), record.value());
		log.debug("Contact of {} {}", record.key(), (record.value() != null) ? "updated" : "erased");
	}

}
