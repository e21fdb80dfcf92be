package dev.herald.digest;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.UserContact;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * One listener container factory per consumed topic, each with the topic's serdes and the
 * shared dead-letter error handler. {@code notifications.v1} is consumed in batches (one
 * transaction per poll); its offsets are committed after the listener returns, that is
 * after the transaction committed.
 */
@Configuration(proxyBeanMethods = false)
class KafkaListenerConfiguration {

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, NotificationChange> notificationsListenerFactory(
			KafkaProperties properties, CommonErrorHandler errorHandler) {
		ConcurrentKafkaListenerContainerFactory<String, NotificationChange> factory = KafkaFactories
			.listenerFactory(properties, Topics.NOTIFICATIONS, errorHandler);
		factory.setBatchListener(true);
		return factory;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, UserContact> contactsListenerFactory(KafkaProperties properties,
			CommonErrorHandler errorHandler) {
		return KafkaFactories.listenerFactory(properties, Topics.USER_CONTACTS, errorHandler);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, UserPreferences> preferencesListenerFactory(
			KafkaProperties properties, CommonErrorHandler errorHandler) {
		return KafkaFactories.listenerFactory(properties, Topics.USER_PREFERENCES, errorHandler);
	}

}
