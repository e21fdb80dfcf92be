package dev.herald.ingest.publish;

import java.util.Map;

import dev.herald.ingest.IngestProperties;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.UserContact;
import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * One idempotent producer per produced topic, with every blocking step bounded by
 * {@code herald.ingest.publish-timeout}: waiting for metadata or buffer space
 * ({@code max.block.ms}), one request ({@code request.timeout.ms}) and the whole delivery
 * with retries ({@code delivery.timeout.ms}).
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	@Bean
	ProducerFactory<String, SocialEvent> socialEventProducerFactory(KafkaProperties kafka, IngestProperties ingest) {
		return producerFactory(kafka, ingest, Topics.SOCIAL_EVENTS);
	}

	@Bean
	ProducerFactory<String, UserContact> userContactProducerFactory(KafkaProperties kafka, IngestProperties ingest) {
		return producerFactory(kafka, ingest, Topics.USER_CONTACTS);
	}

	@Bean
	ProducerFactory<String, SubscriptionChange> subscriptionChangeProducerFactory(KafkaProperties kafka,
			IngestProperties ingest) {
		return producerFactory(kafka, ingest, Topics.SUBSCRIPTIONS);
	}

	@Bean
	KafkaTemplate<String, SubscriptionChange> subscriptionChangeTemplate(
			ProducerFactory<String, SubscriptionChange> factory) {
		return template(factory, Topics.SUBSCRIPTIONS);
	}

	@Bean
	KafkaTemplate<String, SocialEvent> socialEventTemplate(ProducerFactory<String, SocialEvent> factory) {
		return template(factory, Topics.SOCIAL_EVENTS);
	}

	@Bean
	KafkaTemplate<String, UserContact> userContactTemplate(ProducerFactory<String, UserContact> factory) {
		return template(factory, Topics.USER_CONTACTS);
	}

	private static <V> ProducerFactory<String, V> producerFactory(KafkaProperties kafka, IngestProperties ingest,
			Topic<String, V> topic) {
		ProducerFactory<String, V> factory = KafkaFactories.producerFactory(kafka, topic);
		long timeout = ingest.publishTimeout().toMillis();
		factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
				(int) Math.max(1, timeout / 2), ProducerConfig.LINGER_MS_CONFIG, 0));
		return factory;
	}

	private static <V> KafkaTemplate<String, V> template(ProducerFactory<String, V> factory, Topic<String, V> topic) {
		KafkaTemplate<String, V> template = new ClusterIdInBackgroundTemplate<>(factory);
		template.setDefaultTopic(topic.name());
		template.setObservationEnabled(true);
		return template;
	}

}
