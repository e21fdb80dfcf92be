package dev.herald.store.subscription;

import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * The listener factory of {@code subscriptions.v1}; invalid records go to its DLT through
 * the shared error handler.
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionsConfiguration {

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, SubscriptionChange> subscriptionsListenerFactory(
			KafkaProperties properties, CommonErrorHandler errorHandler) {
		return KafkaFactories.listenerFactory(properties, Topics.SUBSCRIPTIONS, errorHandler);
	}

}
