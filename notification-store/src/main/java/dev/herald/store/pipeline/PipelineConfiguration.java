package dev.herald.store.pipeline;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * The batch listener factory of {@code social.events.v1}: offsets are committed after the
 * listener returns, that is after the batch transaction committed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineProperties.class)
class PipelineConfiguration {

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, SocialEvent> socialEventsListenerFactory(
			KafkaProperties kafkaProperties, CommonErrorHandler errorHandler, PipelineProperties properties) {
		ConcurrentKafkaListenerContainerFactory<String, SocialEvent> factory = KafkaFactories
			.listenerFactory(kafkaProperties, Topics.SOCIAL_EVENTS, errorHandler);
		factory.setBatchListener(true);
		factory.setConcurrency(properties.concurrency());
		return factory;
	}

}
