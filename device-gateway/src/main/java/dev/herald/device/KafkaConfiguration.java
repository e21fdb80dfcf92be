package dev.herald.device;

import dev.herald.device.mqtt.BrokerUnavailableException;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listener factories for the two consumed topics, on the shared dead-letter error
 * handler. A broker outage is no fault of the record, so such failures are not
 * dead-lettered: the record is tried again, with a bounded pause, until the broker is
 * back, and its offset is not committed meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	private static final long FIRST_OUTAGE_BACK_OFF_MILLIS = 500;

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, NotificationChange> notificationsListenerFactory(
			KafkaProperties kafka, DefaultErrorHandler errorHandler, DeviceProperties properties) {
		errorHandler.setBackOffFunction((record, ex) -> causedByBrokerOutage(ex) ? outageBackOff(properties) : null);
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

	private static BackOff outageBackOff(DeviceProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(FIRST_OUTAGE_BACK_OFF_MILLIS, 2.0);
		backOff.setMaxInterval(properties.brokerOutageBackOff().toMillis());
		return backOff;
	}

	static boolean causedByBrokerOutage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BrokerUnavailableException) {
				return true;
			}
		}
		return false;
	}

}
