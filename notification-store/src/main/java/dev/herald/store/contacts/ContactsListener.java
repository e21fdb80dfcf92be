package dev.herald.store.contacts;

import dev.herald.schema.UserContact;
import dev.herald.support.kafka.InvalidRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code user-contacts.v1}; the offset is committed after the row is written.
 */
@Component
class ContactsListener {

	private static final Logger log = LoggerFactory.getLogger(ContactsListener.class);

	private final Contacts contacts;

	ContactsListener(Contacts contacts) {
		this.contacts = contacts;
	}

	@KafkaListener(id = "herald-store-contacts", groupId = "herald-store-contacts",
			topics = "#{T(dev.herald.schema.topic.Topics).USER_CONTACTS.name()}",
			containerFactory = "contactsListenerFactory")
	void on(ConsumerRecord<String, UserContact> record) {
		String userId = record.key();
		UserContact contact = record.value();
		if (userId == null || userId.isBlank()) {
			throw new InvalidRecordException("key: the user id is required");
		}
		if (contact != null && !userId.equals(contact.getUserId())) {
			throw new InvalidRecordException("userId: " + contact.getUserId() + " differs from the key " + userId);
		}
		if (contact != null) {
			this.contacts.save(contact);
		}
		else {
			this.contacts.delete(userId);
		}
		log.debug("Contact of {} {}", userId, (contact != null) ? "saved" : "erased");
	}

}
