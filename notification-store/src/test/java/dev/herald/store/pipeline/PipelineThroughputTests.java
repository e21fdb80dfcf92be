package dev.herald.store.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * A quick measurement, not a benchmark with targets: pushes a burst of events through the
 * pipeline and logs the batch size, events per second and batch commit times it saw. It
 * asserts only that every event became a notification.
 */
class PipelineThroughputTests extends StoreIntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(PipelineThroughputTests.class);

	private static final int EVENTS = 10_000;

	private static final int USERS = 500;

	private final MeterRegistry registry;

	PipelineThroughputTests(JdbcClient jdbc, MeterRegistry registry) {
		super(jdbc);
		this.registry = registry;
	}

	@Test
	void measuresSustainedEventsPerSecond() {
		String run = "tp-" + UUID.randomUUID() + "-";
		Timer batches = this.registry.get("herald.store.pipeline.batch").timer();
		DistributionSummary sizes = this.registry.get("herald.store.pipeline.batch.size").summary();
		long batchesBefore = batches.count();
		double nanosBefore = batches.totalTime(TimeUnit.NANOSECONDS);
		double eventsBefore = sizes.totalAmount();
		long start = System.nanoTime();
		produce(run);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> batches.count() > batchesBefore && sizes.totalAmount() - eventsBefore >= EVENTS
					&& batches.totalTime(TimeUnit.NANOSECONDS) > nanosBefore && committed(run));
		double seconds = (System.nanoTime() - start) / 1e9;
		long runBatches = batches.count() - batchesBefore;
		log.info(
				"Pipeline throughput: {} events in {} s = {} events/s; {} batches, mean batch {} events, "
						+ "mean commit {} ms, p99 commit {} ms (2-minute window)",
				EVENTS, round(seconds), round(EVENTS / seconds), runBatches,
				round((sizes.totalAmount() - eventsBefore) / runBatches),
				round((batches.totalTime(TimeUnit.NANOSECONDS) - nanosBefore) / runBatches / 1e6), round(p99(batches)));
	}

	private boolean committed(String run) {
		return count("SELECT count(*) FROM notifications WHERE user_id LIKE ?", run + "%") == EVENTS;
	}

	private static void produce(String run) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, SocialEvent> producer = new KafkaProducer<>(config,
				Topics.SOCIAL_EVENTS.keySerde().serializer(), Topics.SOCIAL_EVENTS.valueSerde().serializer())) {
			for (int i = 0; i < EVENTS; i++) {
				String user = run + (i % USERS);
				SocialEvent event = Events.reaction(user, "actor" + i + "-" + UUID.randomUUID(), "art" + i, "❤");
				producer.send(new ProducerRecord<>(Topics.SOCIAL_EVENTS.name(), user, event));
			}
			producer.flush();
		}
	}

	private static double p99(Timer timer) {
		for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
			if (value.percentile() == 0.99) {
				return value.value(TimeUnit.MILLISECONDS);
			}
		}
		return Double.NaN;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
