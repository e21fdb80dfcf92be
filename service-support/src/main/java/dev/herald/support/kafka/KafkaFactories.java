package dev.herald.support.kafka;

import java.util.Map;

import dev.herald.schema.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Typed Kafka factories for one catalogue {@link Topic}, on top of the
 * {@code spring.kafka.*} properties. Consumers wrap the topic's deserializers in
 * {@link ErrorHandlingDeserializer} and never auto-commit; producers are idempotent with
 * {@code acks=all}.
 */
public final class KafkaFactories {

	/**
	 * Consumer session timeout unless {@code spring.kafka.consumer.properties} sets one:
	 * the partitions of an instance that died without leaving its group (kill -9, a lost
	 * node) go to the others, or to its restart, after this rather than after Kafka's 45
	 * s default.
	 */
	public static final int SESSION_TIMEOUT_MS = 10_000;

	/** Heartbeat interval that goes with {@link #SESSION_TIMEOUT_MS}. */
	public static final int HEARTBEAT_INTERVAL_MS = 3_000;

	/** Producer linger unless configured: a millisecond, not Kafka's 5. */
	public static final int LINGER_MS = 1;

	private KafkaFactories() {
	}

	public static <K, V> ConsumerFactory<K, V> consumerFactory(KafkaProperties properties, Topic<K, V> topic) {
		Map<String, Object> config = properties.buildConsumerProperties();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
		config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
		return new DefaultKafkaConsumerFactory<>(config,
				new ErrorHandlingDeserializer<>(topic.keySerde().deserializer()),
				new ErrorHandlingDeserializer<>(topic.valueSerde().deserializer()));
	}

	public static <K, V> ProducerFactory<K, V> producerFactory(KafkaProperties properties, Topic<K, V> topic) {
		return new DefaultKafkaProducerFactory<>(producerConfig(properties), topic.keySerde().serializer(),
				topic.valueSerde().serializer());
	}

	/**
	 * A template for values that are already encoded with {@code topic}'s value serde (an
	 * outbox's stored bytes), sent as they are.
	 */
	public static KafkaTemplate<String, byte[]> bytesTemplate(KafkaProperties properties, Topic<String, ?> topic) {
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				producerConfig(properties), topic.keySerde().serializer(), new ByteArraySerializer()));
		template.setDefaultTopic(topic.name());
		return template;
	}

	/**
	 * Idempotent, {@code acks=all}; a record waits at most {@link #LINGER_MS} for others
	 * to share its request unless {@code spring.kafka.producer.properties} says otherwise
	 * (Kafka's own default is 5 ms, on every hop of the event path).
	 */
	private static Map<String, Object> producerConfig(KafkaProperties properties) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
		return config;
	}

	/** A template whose default topic is {@code topic}. */
	public static <K, V> KafkaTemplate<K, V> template(KafkaProperties properties, Topic<K, V> topic) {
		KafkaTemplate<K, V> template = new KafkaTemplate<>(producerFactory(properties, topic));
		template.setDefaultTopic(topic.name());
		return template;
	}

	/**
	 * A listener container factory for {@code topic}; failed records go through
	 * {@code errorHandler} (normally the shared dead-letter handler). Its containers
	 * start with the context unless {@code spring.kafka.listener.auto-startup} is false.
	 */
	public static <K, V> ConcurrentKafkaListenerContainerFactory<K, V> listenerFactory(KafkaProperties properties,
			Topic<K, V> topic, CommonErrorHandler errorHandler) {
		ConcurrentKafkaListenerContainerFactory<K, V> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumerFactory(properties, topic));
		factory.setCommonErrorHandler(errorHandler);
		factory.setAutoStartup(properties.getListener().isAutoStartup());
		return factory;
	}

	/**
	 * Whether a record reached a batch listener undecoded:
	 * {@link ErrorHandlingDeserializer} then leaves its key or value null and the cause
	 * in a header. Throw {@code BatchListenerFailedException} for it so it goes to the
	 * dead-letter topic.
	 */
	public static boolean failedToDeserialize(ConsumerRecord<?, ?> record) {
		return record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null
				|| record.headers().lastHeader(SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER) != null;
	}

}
