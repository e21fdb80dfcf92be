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
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Records held by each dead-letter topic: end offsets minus beginning offsets, summed
 * over partitions. A topic that does not exist holds zero.
 */
@Component
class DeadLetterCounts {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final KafkaAdmin kafkaAdmin;

	DeadLetterCounts(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	Map<String, Long> counts() {
		List<String> names = Topics.ALL.stream().map((topic) -> topic.deadLetter().name()).toList();
		Map<String, Object> config = new LinkedHashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			Map<String, Long> counts = new LinkedHashMap<>();
			Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
			for (String name : names) {
				counts.put(name, count(admin, descriptions.get(name)));
			}
			return counts;
		}
	}

	private static long count(Admin admin, KafkaFuture<TopicDescription> description) {
		try {
			TopicDescription topic = description.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			List<TopicPartition> partitions = topic.partitions()
				.stream()
				.map((p) -> new TopicPartition(topic.name(), p.partition()))
				.toList();
			return sum(admin, partitions, OffsetSpec.latest()) - sum(admin, partitions, OffsetSpec.earliest());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return 0;
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

	private static long sum(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap(Function.identity(), (p) -> spec));
		return admin.listOffsets(request)
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.values()
			.stream()
			.mapToLong((info) -> info.offset())
			.sum();
	}

}
