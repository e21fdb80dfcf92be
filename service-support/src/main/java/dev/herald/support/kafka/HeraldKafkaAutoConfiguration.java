package dev.herald.support.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.herald.schema.topic.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one place Kafka errors are handled: a bounded exponential back-off, then the record
 * goes to {@code <topic>.dlt} (original bytes, reason in the
 * {@code kafka_dlt-exception-*} headers) and the partition moves on. Undecodable and
 * {@link InvalidRecordException} records are not retried. A record that failed because a
 * dependency is away ({@link OutageClassifier}: the database here, more beans in a
 * service) is retried without end instead, so an outage dead-letters nothing. Every dead
 * letter counts in {@code herald.kafka.dead.letters{topic}} and is logged at WARN with
 * its topic, partition, offset, event id and reason.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class HeraldKafkaAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HeraldKafkaAutoConfiguration.class);

	/** Dead-letter header with the most specific reason a record failed. */
	public static final String REASON_HEADER = "herald_dlt_reason";

	/**
	 * The Kafka client metrics of every factory the service creates (consumer lag
	 * included), in {@code /actuator/prometheus}.
	 */
	@Bean
	static KafkaClientMetricsBinder heraldKafkaClientMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		return new KafkaClientMetricsBinder(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry, KafkaClientMetricsBinder clientMetrics) {
		MeterRegistry registry = meterRegistry.getIfAvailable(() -> Metrics.globalRegistry);
		KafkaTemplate<Object, Object> deadLetters = deadLetterTemplate(properties);
		clientMetrics.bind(deadLetters.getProducerFactory());
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters, (record, ex) -> {
			registry.counter("herald.kafka.dead.letters", "topic", record.topic()).increment();
			log.warn("Dead letter: {}-{}@{} ({}) goes to {}{}: {}", record.topic(), record.partition(), record.offset(),
					identify(record), record.topic(), Topic.DEAD_LETTER_SUFFIX, reason(ex));
			return new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, -1);
		});
		recoverer.setFailIfSendResultIsError(true);
		recoverer.setHeadersFunction(
				(record, ex) -> new RecordHeaders().add(REASON_HEADER, reason(ex).getBytes(StandardCharsets.UTF_8)));
		return recoverer;
	}

	/**
	 * What a failed record is, for the log: its event id, or user and seq, when it was
	 * decoded.
	 */
	static String identify(ConsumerRecord<?, ?> record) {
		if (KafkaFactories.failedToDeserialize(record)) {
			return "undecodable";
		}
		if (record.value() instanceof SpecificRecord decoded) {
			Schema schema = decoded.getSchema();
			if (schema.getField("eventId") != null) {
				return "event " + decoded.get(schema.getField("eventId").pos());
			}
			if (schema.getField("userId") != null && schema.getField("seq") != null) {
				return "user " + decoded.get(schema.getField("userId").pos()) + " seq "
						+ decoded.get(schema.getField("seq").pos());
			}
			return schema.getName();
		}
		return (record.value() == null) ? "tombstone" : record.value().getClass().getSimpleName();
	}

	/**
	 * The most specific message in the cause chain, e.g. the serde's "expected marker C3
	 * 01".
	 */
	static String reason(Throwable ex) {
		String reason = String.valueOf(ex.getMessage());
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			}
		}
		return reason;
	}

	/**
	 * {@code group.instance.id} per listener when {@code herald.kafka.instance-id} is
	 * set.
	 */
	@Bean
	static StaticMembership staticKafkaMembership() {
		return new StaticMembership();
	}

	@Bean
	OutageClassifier databaseOutages() {
		return OutageClassifier.DATABASE;
	}

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer recoverer, DeadLetterProperties properties,
			List<OutageClassifier> outages) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(properties.maxInterval().toMillis());
		backOff.setMaxAttempts(properties.retries());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(InvalidRecordException.class, SerializationException.class);
		handler.setBackOffFunction(
				(record, ex) -> OutageClassifier.anyOutage(ex, outages) ? outageBackOff(properties) : null);
		return handler;
	}

	/** Without end: a record that failed for an outage is tried until it passes. */
	private static ExponentialBackOff outageBackOff(DeadLetterProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(properties.outageMaxInterval().toMillis());
		return backOff;
	}

	private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties properties) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put("enable.idempotence", true);
		config.put("acks", "all");
		Serializer<Object> keys = new DelegatingByTypeSerializer(
				Map.of(String.class, new StringSerializer(), byte[].class, new ByteArraySerializer()));
		Serializer<Object> values = new DelegatingByTypeSerializer(
				Map.of(byte[].class, new ByteArraySerializer(), SpecificRecord.class, new SpecificRecordSerializer()),
				true);
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, keys, values));
	}

}
