package dev.herald.webpush;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;
import dev.herald.support.kafka.OutageClassifier;
import dev.herald.webpush.delivery.PushServiceUnavailableException;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Listener factories for the two consumed topics, on the shared dead-letter error
 * handler. A push service that stays unavailable (5xx, 429, no answer) after the
 * {@code webpush} retries is no fault of the record, so it is an outage
 * ({@link OutageClassifier}): the record is tried again until the push service answers,
 * never dead-lettered, and its offset stays uncommitted meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	OutageClassifier pushServiceOutages() {
		return (cause) -> cause instanceof PushServiceUnavailableException;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, NotificationChange> notificationsListenerFactory(
			KafkaProperties kafka, DefaultErrorHandler errorHandler) {
		return factory(kafka, Topics.NOTIFICATIONS, errorHandler);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, UserPreferences> preferencesListenerFactory(KafkaProperties kafka,
			DefaultErrorHandler errorHandler) {
		return factory(kafka, Topics.USER_PREFERENCES, errorHandler);
	}

	private static <V> ConcurrentKafkaListenerContainerFactory<String, V> factory(KafkaProperties kafka,
			Topic<String, V> topic, DefaultErrorHandler errorHandler) {
		ConcurrentKafkaListenerContainerFactory<String, V> factory = KafkaFactories.listenerFactory(kafka, topic,
				errorHandler);
		Integer concurrency = kafka.getListener().getConcurrency();
		if (concurrency != null) {
			factory.setConcurrency(concurrency);
		}
		return factory;
	}

}
