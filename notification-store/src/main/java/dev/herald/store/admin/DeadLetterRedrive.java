package dev.herald.store.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.HeraldKafkaAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Sends the records of a dead-letter topic back to the topic they came from, after the
 * cause was fixed: each record's key and value as they are, its headers without the
 * dead-letter ones, plus {@value #REDRIVEN_HEADER} naming where it was. Progress is the
 * consumer group {@value #GROUP}'s offsets on the dead-letter topic: a re-drive takes
 * what arrived since the last one, up to the end it saw when it started, and commits only
 * what Kafka acknowledged on the source topic. Consumers of the source topic are
 * idempotent (event ids in the store, seqs elsewhere), so a record re-driven twice
 * changes nothing twice. A record that still fails lands in the dead-letter topic again.
 */
@Component
class DeadLetterRedrive {

	/** The consumer group whose offsets mark what was re-driven. */
	static final String GROUP = "herald-redrive";

	/** Header on a re-driven record: {@code <dead-letter topic>-<partition>@<offset>}. */
	static final String REDRIVEN_HEADER = "herald_redriven_from";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KafkaProperties kafka;

	DeadLetterRedrive(KafkaProperties kafka) {
		this.kafka = kafka;
	}

	/**
	 * Re-drives {@code <source>.dlt} into {@code source}, which must be a catalogue
	 * topic.
	 */
	synchronized Result redrive(String source) {
		Topic<?, ?> topic = Topics.ALL.stream()
			.filter((t) -> t.name().equals(source))
			.findFirst()
			.orElseThrow(() -> notATopic(source));
		String deadLetters = topic.deadLetter().name();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, TIMEOUT)
				.stream()
				.map((p) -> new TopicPartition(deadLetters, p.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
			Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions),
					TIMEOUT);
			partitions.forEach((p) -> {
				OffsetAndMetadata start = committed.get(p);
				if (start == null) {
					consumer.seekToBeginning(List.of(p));
				}
				else {
					consumer.seek(p, start.offset());
				}
			});
			Map<TopicPartition, Long> next = new HashMap<>();
			partitions.forEach((p) -> next.put(p, consumer.position(p, TIMEOUT)));
			List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
			int redriven = 0;
			while (next.entrySet().stream().anyMatch((e) -> e.getValue() < ends.get(e.getKey()))) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= ends.get(partition)) {
						continue;
					}
					sends.add(send(producer, source, record));
					next.put(partition, record.offset() + 1);
					redriven++;
				}
			}
			awaitAll(sends);
			Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
			next.forEach((p, offset) -> done.put(p, new OffsetAndMetadata(offset)));
			consumer.commitSync(done, TIMEOUT);
			log.info("Re-drove {} records from {} to {}", redriven, deadLetters, source);
			return new Result(source, deadLetters, redriven);
		}
	}

	private static CompletableFuture<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer, String source,
			ConsumerRecord<byte[], byte[]> record) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt")
					&& !header.key().equals(HeraldKafkaAutoConfiguration.REASON_HEADER)
					&& !header.key().equals(REDRIVEN_HEADER)) {
				headers.add(header);
			}
		}
		headers.add(REDRIVEN_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
		producer.send(new ProducerRecord<>(source, null, record.key(), record.value(), headers), (metadata, ex) -> {
			if (ex != null) {
				sent.completeExceptionally(ex);
			}
			else {
				sent.complete(metadata);
			}
		});
		return sent;
	}

	private static void awaitAll(List<CompletableFuture<RecordMetadata>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw unavailable("Kafka did not acknowledge the re-driven records; nothing was marked done, try again",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted while re-driving", ex);
		}
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		Map<String, Object> config = this.kafka.buildConsumerProperties();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<byte[], byte[]> producer() {
		Map<String, Object> config = this.kafka.buildProducerProperties();
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static ErrorResponseException notATopic(String source) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"topic: " + source + " is not one of " + Topics.ALL.stream().map(Topic::name).toList());
		problem.setTitle("Unknown topic");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	private static ErrorResponseException unavailable(String detail, Exception cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Kafka unavailable");
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
	}

	/**
	 * One re-drive.
	 *
	 * @param topic where the records went back to
	 * @param deadLetterTopic where they came from
	 * @param redriven how many records were sent back
	 */
	record Result(String topic, String deadLetterTopic, int redriven) {

	}

}
