package dev.herald.support.kafka;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener built from {@link KafkaFactories} on a real broker: undecodable and invalid
 * records land on the dead-letter topic with the reason, and the partition keeps flowing;
 * a record that fails because the database is away is tried again until it passes, in a
 * record listener and in a batch listener.
 */
@SpringBootTest(classes = DeadLetterTests.App.class,
		properties = { "spring.kafka.consumer.auto-offset-reset=earliest", "herald.kafka.dead-letter.retries=1",
				"herald.kafka.dead-letter.outage-max-interval=500ms",
				"herald.security.jwt.secret=test-secret-0123456789-0123456789-abcdef" })
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterTests {

	static final EmbeddedKafkaKraftBroker broker = start();

	static final String BATCH_TOPIC = "herald.test.batch";

	/**
	 * Attempts that fail as if PostgreSQL were away, more than the retries before a dead
	 * letter.
	 */
	static final int OUTAGE_ATTEMPTS = 5;

	static final List<String> processed = new CopyOnWriteArrayList<>();

	static final AtomicInteger outageAttempts = new AtomicInteger();

	static final AtomicInteger batchOutageAttempts = new AtomicInteger();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
	}

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void sendsUndecodableAndInvalidRecordsToTheDeadLetterTopicAndKeepsGoing(CapturedOutput output) {
		Map<String, Object> producerConfig = Map.of("bootstrap.servers", broker.getBrokersAsString());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(record("u1", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8)));
			producer.send(record("u1", Topics.SOCIAL_EVENTS.valueSerde().serializer().serialize("", event("invalid"))));
			producer.send(record("u1", Topics.SOCIAL_EVENTS.valueSerde().serializer().serialize("", event("good"))));
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processed).contains("good"));
		List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(2);
		assertThat(dead).hasSize(2);
		assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
		assertThat(reason(dead.get(0))).contains("expected marker C3 01");
		assertThat(reason(dead.get(1))).contains("eventId invalid is not acceptable");
		assertThat(Topics.SOCIAL_EVENTS.valueSerde().deserializer().deserialize("", dead.get(1).value()).getEventId())
			.isEqualTo("invalid");
		assertThat(output.getOut()).containsPattern(
				"WARN .*Dead letter: social\\.events\\.v1-0@\\d+ \\(undecodable\\) goes to social\\.events\\.v1\\.dlt: .*expected marker C3 01")
			.containsPattern(
					"WARN .*Dead letter: social\\.events\\.v1-0@\\d+ \\(event invalid\\) goes to social\\.events\\.v1\\.dlt: InvalidRecordException: eventId invalid is not acceptable");
	}

	@Test
	void retriesARecordThatFailedForADatabaseOutageUntilItPassesInsteadOfDeadLetteringIt() {
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			producer.send(record("u2", Topics.SOCIAL_EVENTS.valueSerde().serializer().serialize("", event("outage"))));
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processed).contains("outage"));
		assertThat(outageAttempts).hasValue(OUTAGE_ATTEMPTS + 1);
	}

	@Test
	void retriesABatchThatFailedForADatabaseOutageUntilItPasses() {
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>(BATCH_TOPIC, 0, "u3".getBytes(StandardCharsets.UTF_8),
					Topics.SOCIAL_EVENTS.valueSerde().serializer().serialize("", event("batch-outage"))));
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processed).contains("batch-outage"));
		assertThat(batchOutageAttempts).hasValue(OUTAGE_ATTEMPTS + 1);
	}

	private static KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of("bootstrap.servers", broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	/** What Spring throws when Hikari has no connection to give. */
	private static DataAccessResourceFailureException databaseAway() {
		return new DataAccessResourceFailureException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
	}

	private static String reason(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.headers().lastHeader(HeraldKafkaAutoConfiguration.REASON_HEADER).value(),
				StandardCharsets.UTF_8);
	}

	private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
		Map<String, Object> config = Map.of("bootstrap.servers", broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.SOCIAL_EVENTS.deadLetter().name()));
			List<ConsumerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= expected;
			});
			return records;
		}
	}

	private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
		return new ProducerRecord<>(Topics.SOCIAL_EVENTS.name(), 0, key.getBytes(StandardCharsets.UTF_8), value);
	}

	private static SocialEvent event(String id) {
		return SocialEvent.newBuilder()
			.setEventId(id)
			.setKind(EventKind.FOLLOW)
			.setOccurredAt(java.time.Instant.now())
			.setRecipientId("u1")
			.build();
	}

	private static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1, Topics.SOCIAL_EVENTS.name(),
				Topics.SOCIAL_EVENTS.deadLetter().name(), BATCH_TOPIC, BATCH_TOPIC + ".dlt");
		kafka.afterPropertiesSet();
		return kafka;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, SocialEvent> eventsFactory(KafkaProperties properties,
				CommonErrorHandler errorHandler) {
			return KafkaFactories.listenerFactory(properties, Topics.SOCIAL_EVENTS, errorHandler);
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, SocialEvent> batchFactory(KafkaProperties properties,
				CommonErrorHandler errorHandler) {
			ConcurrentKafkaListenerContainerFactory<String, SocialEvent> factory = KafkaFactories
				.listenerFactory(properties, Topics.SOCIAL_EVENTS, errorHandler);
			factory.setBatchListener(true);
			return factory;
		}

		@Bean
		EventsListener eventsListener() {
			return new EventsListener();
		}

		@Bean
		BatchListener batchListener() {
			return new BatchListener();
		}

	}

	static class EventsListener {

		@KafkaListener(topics = "social.events.v1", groupId = "dlt-test", containerFactory = "eventsFactory")
		void on(SocialEvent event) {
			if (event.getEventId().equals("invalid")) {
				throw new InvalidRecordException("eventId invalid is not acceptable");
			}
			if (event.getEventId().equals("outage") && outageAttempts.incrementAndGet() <= OUTAGE_ATTEMPTS) {
				throw databaseAway();
			}
			processed.add(event.getEventId());
		}

	}

	static class BatchListener {

		@KafkaListener(topics = BATCH_TOPIC, groupId = "dlt-test-batch", containerFactory = "batchFactory")
		void on(List<ConsumerRecord<String, SocialEvent>> records) {
			if (batchOutageAttempts.incrementAndGet() <= OUTAGE_ATTEMPTS) {
				throw new BatchListenerFailedException("Database still failing", databaseAway(), 0);
			}
			records.forEach((record) -> processed.add(record.value().getEventId()));
		}

	}

}
