package dev.herald.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Scenario "ingest": steps up the event rate through ingest → store → outbox and reports,
 * per step, what was accepted, how far the store's consumer fell behind
 * ({@code social.events.v1} lag of group {@code herald-store}), how fast the outbox relay
 * published to {@code notifications.v1}, and which process was busiest. Stops after the
 * first step that did not keep up.
 */
@Tag("benchmark")
class IngestBenchmark {

	private static final String STORE_GROUP = "herald-store";

	/** Events per ingest request: 1 is {@code POST /v1/events}, more {@code :batch}. */
	private static final int BATCH = Integer.getInteger("herald.bench.batch", 1);

	private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

	@Test
	void ingest() throws Exception {
		List<String> users = BenchmarkSettings.users("ingest-" + UUID.randomUUID().toString().substring(0, 6), 1000);
		Warmup.once();
		BenchmarkReport report = new BenchmarkReport((BATCH == 1) ? "ingest" : "ingest-batch-" + BATCH);
		report.line("Events per request: %d%n", BATCH);
		report.line(
				"| target events/s | accepted events/s | refused | store lag max / at end (records) | outbox records/s | drained after s | busiest processes (cores) |");
		report.line("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
		List<String> details = new ArrayList<>();
		List<StageLatency> stages = SteadyBenchmark.stages().subList(0, 2);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				Herald.stack().infrastructure().kafka().bootstrapServers()))) {
			for (int rate : this.settings.ingestRates()) {
				long publishedBefore = endOffsets(admin, Topics.NOTIFICATIONS.name());
				ServiceStats before = ServiceStats.sample();
				List<StageLatency.Buckets> stagesBefore = stages.stream().map(StageLatency::scrape).toList();
				AtomicLong maxLag = new AtomicLong();
				Zipf uniform = new Zipf(users.size(), 0);
				try (OpenModelGenerator generator = OpenModelGenerator.startBatched(rate, this.settings.stepDuration(),
						(i) -> users.get(uniform.next()), BATCH)) {
					await().atMost(this.settings.stepDuration().plusMinutes(2))
						.pollInterval(Duration.ofSeconds(1))
						.until(() -> {
							maxLag.accumulateAndGet(lag(admin), Math::max);
							return generator.answered();
						});
					double seconds = generator.elapsedSeconds();
					long lag = lag(admin);
					double published = (endOffsets(admin, Topics.NOTIFICATIONS.name()) - publishedBefore) / seconds;
					ServiceStats after = ServiceStats.sample();
					String busiest = busiest(after.coresSince(before));
					double drained = drain(admin);
					double accepted = generator.accepted() / seconds;
					report.line("| %d | %.0f | %d | %d / %d | %.0f | %.1f | %s |", rate, accepted, generator.refused(),
							Math.max(maxLag.get(), lag), lag, published, drained, busiest);
					details.add(String.format("#### %d events/s%n%n%s%n%n%s", rate, StageLatency.table(stages,
							stagesBefore, stages.stream().map(StageLatency::scrape).toList()), after.since(before)));
					if (accepted < rate * 0.9 || lag > rate * 2L) {
						report.line("%nSaturated at %d events/s.", rate);
						break;
					}
				}
			}
		}
		report.line("");
		details.forEach(report::line);
		report.write();
	}

	private static String busiest(Map<String, Double> cores) {
		return cores.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
			.limit(3)
			.map((entry) -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
			.reduce((first, second) -> first + ", " + second)
			.orElse("");
	}

	/** Seconds until the store caught up after a step. */
	private static double drain(Admin admin) {
		long started = System.nanoTime();
		try {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> lag(admin) == 0);
		}
		catch (ConditionTimeoutException ex) {
			return Double.NaN;
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static long lag(Admin admin) throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(STORE_GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		long end = endOffsets(admin, Topics.SOCIAL_EVENTS.name());
		long done = committed.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().equals(Topics.SOCIAL_EVENTS.name()) && entry.getValue() != null)
			.mapToLong((entry) -> entry.getValue().offset())
			.sum();
		return end - done;
	}

	private static long endOffsets(Admin admin, String topic) throws ExecutionException, InterruptedException {
		TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
		Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
		description.partitions()
			.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
		return admin.listOffsets(latest).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
	}

}
