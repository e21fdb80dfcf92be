package dev.herald.store.outbox;

import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The idempotent producer of {@code notifications.v1}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class OutboxConfiguration {

	/**
	 * Sends the changes' payloads as stored: they are already Avro single-object bytes.
	 */
	@Bean
	KafkaTemplate<String, byte[]> changesTemplate(KafkaProperties kafkaProperties) {
		return KafkaFactories.bytesTemplate(kafkaProperties, Topics.NOTIFICATIONS);
	}

}
