package dev.herald.webpush.preferences;

import dev.herald.schema.UserPreferences;
import dev.herald.support.kafka.InvalidRecordException;
import dev.herald.webpush.subscription.SubscriptionRepository;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@code user-preferences.v1}: a value updates the user's language, a tombstone
 * erases the user's subscriptions and settings.
 */
@Component
class UserPreferencesListener {

	private static final Logger log = LoggerFactory.getLogger(UserPreferencesListener.class);

	private final UserLocales locales;

	private final SubscriptionRepository subscriptions;

	private final TransactionTemplate transactions;

	UserPreferencesListener(UserLocales locales, SubscriptionRepository subscriptions,
			TransactionTemplate transactions) {
		this.locales = locales;
		this.subscriptions = subscriptions;
		this.transactions = transactions;
	}

	@KafkaListener(id = "webpush-preferences", idIsGroup = false, topics = "user-preferences.v1",
			containerFactory = "preferencesListenerFactory")
	void on(ConsumerRecord<String, UserPreferences> record) {
		if (record.key() == null) {
			throw new InvalidRecordException("record has no key (user id)");
		}
		if (record.value() == null) {
			log.info("User {} erased", record.key());
			this.transactions.executeWithoutResult((status) -> {
				this.subscriptions.eraseUser(record.key());
				this.locales.delete(record.key());
			});
			return;
		}
		UserPreferences preferences = record.value();
		this.locales.save(preferences.getUserId(), preferences.getLocale(), preferences.getUpdatedAt());
	}

}
