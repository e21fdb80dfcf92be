package dev.herald.device.preferences;

import dev.herald.schema.UserPreferences;
import dev.herald.support.kafka.InvalidRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code user-preferences.v1}: a value updates the user's settings, a tombstone
 * erases the user.
 */
@Component
class UserPreferencesListener {

	private static final Logger log = LoggerFactory.getLogger(UserPreferencesListener.class);

	private final PreferencesService preferences;

	UserPreferencesListener(PreferencesService preferences) {
		this.preferences = preferences;
	}

	@KafkaListener(id = "device-preferences", idIsGroup = false, topics = "user-preferences.v1",
			containerFactory = "preferencesListenerFactory")
	void on(ConsumerRecord<String, UserPreferences> record) {
		if (record.key() == null) {
			throw new InvalidRecordException("record has no key (user id)");
		}
		if (record.value() == null) {
			log.info("User {} erased", record.key());
			this.preferences.erase(record.key());
			return;
		}
		this.preferences.on(record.value());
	}

}
