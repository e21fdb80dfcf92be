package dev.herald.store.contacts;

import dev.herald.schema.UserContact;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * The listener factory of {@code user-contacts.v1} (invalid records go to its DLT through
 * the shared error handler) and the producer of its tombstones.
 */
@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, UserContact> contactsListenerFactory(KafkaProperties properties,
			CommonErrorHandler errorHandler) {
		return KafkaFactories.listenerFactory(properties, Topics.USER_CONTACTS, errorHandler);
	}

	@Bean
	KafkaTemplate<String, UserContact> contactsTemplate(KafkaProperties properties) {
		return KafkaFactories.template(properties, Topics.USER_CONTACTS);
	}

}
