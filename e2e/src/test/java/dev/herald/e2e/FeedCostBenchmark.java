package dev.herald.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.herald.devstack.HeraldServices;
import dev.herald.devstack.ServiceProcess;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one push gateway with no connections spends reading and filtering the whole
 * {@code notifications.v1} feed (every gateway reads every partition): changes for users
 * it holds no session of are published straight to the topic at each rate of
 * {@code herald.bench.feed-rates} (1000, 5000, 10000 a second) for
 * {@code herald.bench.feed-seconds} (30) each; it prints the gateway's cores and the
 * bytes its feed consumer fetched (its Kafka client metric), per second and per change.
 * The figures feed docs/scaling.md.
 */
@Tag("benchmark")
class FeedCostBenchmark {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final List<Integer> rates = BenchmarkSettings
		.integers(System.getProperty("herald.bench.feed-rates", "1000,5000,10000"));

	private final AtomicLong failed = new AtomicLong();

	private final Duration step = Duration.ofSeconds(Integer.getInteger("herald.bench.feed-seconds", 30));

	@Test
	void feedCost() throws Exception {
		List<byte[]> changes = realChanges(1000);
		BenchmarkReport report = new BenchmarkReport("feed-cost");
		report.line(
				"Every change is a real created notification (%d bytes on the wire, value), for a user with no session.%n",
				changes.get(0).length);
		report.line("| changes/s asked | sent/s | gateway cores | fetched bytes/s | fetched bytes per change |");
		report.line("| ---: | ---: | ---: | ---: | ---: |");
		ServiceProcess gateway = Herald.stack().service("push-gateway");
		ServiceStats before = ServiceStats.sample();
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			for (int rate : this.rates) {
				long ticks = ServiceStats.cpuTicks(gateway.pid());
				double fetched = fetchedBytes();
				long start = System.nanoTime();
				long sent = publish(producer, changes, rate);
				assertThat(this.failed.get()).as("sends that failed").isZero();
				// the gateway reads what was sent before the step ends
				await().atMost(Duration.ofSeconds(30)).until(() -> fetchedBytes() > fetched);
				double seconds = (System.nanoTime() - start) / 1e9;
				double cores = (ServiceStats.cpuTicks(gateway.pid()) - ticks) / ServiceStats.TICKS_PER_SECOND / seconds;
				double bytes = fetchedBytes() - fetched;
				report.line("| %,d | %,.0f | %.3f | %,.0f | %,.0f |", rate, sent / seconds, cores, bytes / seconds,
						bytes / sent);
			}
		}
		report.line("%nEvery process over the whole run (the producer and the broker are in the test JVM):%n");
		report.line(ServiceStats.sample().since(before));
		report.write();
	}

	/**
	 * Sends {@code rate} changes a second for one step, in 10 ms ticks, catching up when
	 * late.
	 */
	private long publish(KafkaProducer<byte[], byte[]> producer, List<byte[]> changes, int rate)
			throws InterruptedException {
		AtomicLong sent = new AtomicLong();
		long total = rate * this.step.toSeconds();
		long start = System.nanoTime();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		ticker.scheduleAtFixedRate(() -> {
			long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
			while (sent.get() < due) {
				long n = sent.getAndIncrement();
				byte[] value = changes.get((int) (n % changes.size()));
				producer
					.send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(), ("feed-" + (n % 1000)).getBytes(), value));
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		await().atMost(this.step.plusSeconds(60)).until(() -> sent.get() >= total);
		ticker.shutdownNow();
		ticker.awaitTermination(10, TimeUnit.SECONDS);
		producer.flush();
		return sent.get();
	}

	/**
	 * One real change (a reaction through ingest, as the store published it),
	 * re-addressed to {@code users} users no session belongs to.
	 */
	private static List<byte[]> realChanges(int users) {
		String owner = "feed-owner-" + UUID.randomUUID();
		try (RecordCollector<String, NotificationChange> collector = Herald.stack()
			.infrastructure()
			.kafka()
			.collect(Topics.NOTIFICATIONS)) {
			Api ingest = new Api(HeraldServices.INGEST_PORT, Herald.tokens.service("art-community", "events:write"));
			assertThat(ingest
				.post("/v1/events", Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED",
						"occurredAt", Instant.now().toString(), "recipientId", owner, "actor",
						Map.of("id", "fan-" + UUID.randomUUID(), "handle", "fan"), "content",
						Map.of("type", "artwork", "id", "art-1", "title", "Sunset over the harbour"), "reaction", "❤"))
				.status()).isEqualTo(202);
			NotificationChange change = await().atMost(Duration.ofMinutes(1))
				.until(() -> collector.values().stream().filter((c) -> owner.equals(c.getUserId())).findFirst(),
						Optional::isPresent)
				.orElseThrow();
			List<byte[]> changes = new ArrayList<>(users);
			for (int i = 0; i < users; i++) {
				change.setUserId("feed-" + i);
				changes
					.add(Topics.NOTIFICATIONS.valueSerde().serializer().serialize(Topics.NOTIFICATIONS.name(), change));
			}
			return changes;
		}
	}

	private static KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Herald.stack().infrastructure().kafka().bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5,
				ProducerConfig.ACKS_CONFIG, "1"), new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * The gateway's feed consumer: bytes fetched so far (all its consumers, no topic
	 * label).
	 */
	private static double fetchedBytes() throws Exception {
		String scrape = http
			.send(HttpRequest.newBuilder(URI.create(Herald.url(HeraldServices.PUSH_PORT) + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		return scrape.lines()
			.filter((line) -> line.startsWith("kafka_consumer_fetch_manager_bytes_consumed_total{")
					&& line.contains("client_id=\"herald-push\"") && line.contains("topic=\"notifications.v1\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
