package dev.herald.store.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Records held by each dead-letter topic (end offsets minus beginning offsets, summed
 * over partitions), and of those the ones not re-driven yet (after the offsets
 * {@link DeadLetterRedrive} committed). A topic that does not exist holds zero.
 */
@Component
class DeadLetterCounts {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final KafkaAdmin kafkaAdmin;

	DeadLetterCounts(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	/** Per dead-letter topic: {@code [held, not re-driven]}. */
	Map<String, long[]> counts() {
		List<String> names = Topics.ALL.stream().map((topic) -> topic.deadLetter().name()).toList();
		Map<String, Object> config = new LinkedHashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetAndMetadata> redriven = redriven(admin);
			Map<String, long[]> counts = new LinkedHashMap<>();
			Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
			for (String name : names) {
				counts.put(name, count(admin, descriptions.get(name), redriven));
			}
			return counts;
		}
	}

	private static Map<TopicPartition, OffsetAndMetadata> redriven(Admin admin) {
		try {
			return admin.listConsumerGroupOffsets(DeadLetterRedrive.GROUP)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw unavailable("Could not read re-drive offsets: " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted while reading re-drive offsets", ex);
		}
		catch (TimeoutException ex) {
			throw unavailable("Kafka did not answer within " + TIMEOUT, ex);
		}
	}

	private static long[] count(Admin admin, KafkaFuture<TopicDescription> description,
			Map<TopicPartition, OffsetAndMetadata> redriven) {
		try {
			TopicDescription topic = description.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			List<TopicPartition> partitions = topic.partitions()
				.stream()
				.map((p) -> new TopicPartition(topic.name(), p.partition()))
				.toList();
			Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
			Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
			long held = 0;
			long waiting = 0;
			for (TopicPartition partition : partitions) {
				long end = ends.get(partition);
				long start = starts.get(partition);
				OffsetAndMetadata done = redriven.get(partition);
				held += end - start;
				waiting += end - Math.max(start, (done != null) ? done.offset() : 0);
			}
			return new long[] { held, waiting };
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return new long[] { 0, 0 };
			}
			throw unavailable("Could not read dead-letter offsets: " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted while reading dead-letter offsets", ex);
		}
		catch (TimeoutException ex) {
			throw unavailable("Kafka did not answer within " + TIMEOUT, ex);
		}
	}

	private static ErrorResponseException unavailable(String detail, Exception cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Kafka unavailable");
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap(Function.identity(), (p) -> spec));
		Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
		admin.listOffsets(request)
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

}
