package dev.herald.device;

import dev.herald.device.mqtt.BrokerUnavailableException;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;
import dev.herald.support.kafka.OutageClassifier;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Listener factories for the two consumed topics, on the shared dead-letter error
 * handler. {@code notifications.v1} is read by a batch listener (one transaction per
 * poll), which reports the record that failed by its index, so the handler retries or
 * dead-letters that record alone. An MQTT broker outage is no fault of the record, so
 * such failures are not dead-lettered ({@link OutageClassifier}): the record is tried
 * again, with a bounded pause, until the broker is back, and its offset is not committed
 * meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	OutageClassifier mqttBrokerOutages() {
		return (cause) -> cause instanceof BrokerUnavailableException;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, NotificationChange> notificationsListenerFactory(
			KafkaProperties kafka, DefaultErrorHandler errorHandler) {
		ConcurrentKafkaListenerContainerFactory<String, NotificationChange> factory = factory(kafka,
				Topics.NOTIFICATIONS, errorHandler);
		factory.setBatchListener(true);
		return factory;
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
