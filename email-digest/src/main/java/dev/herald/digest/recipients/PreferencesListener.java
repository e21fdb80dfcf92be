package dev.herald.digest.recipients;

import dev.herald.schema.UserPreferences;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code user-preferences.v1}: digest schedule, time zone and language.
 */
@Component
class PreferencesListener {

	private static final Logger log = LoggerFactory.getLogger(PreferencesListener.class);

	private final RecipientCopies copies;

	PreferencesListener(RecipientCopies copies) {
		this.copies = copies;
	}

	@KafkaListener(id = "digest-preferences", idIsGroup = false,
			topics = "#{T(dev.herald.schema.topic.Topics).USER_PREFERENCES.name()}",
			containerFactory = "preferencesListenerFactory")
	void on(ConsumerRecord<String, UserPreferences> record) {
		this.copies.applyPreferences(record.key(), record.value());
		log.debug("Preferences of {} {}", record.key(), (record.value() != null) ? "updated" : "reset");
	}

}
