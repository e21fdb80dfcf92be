package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.herald.devstack.HeraldServices;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario "broadcast": one admin announcement to all N connected users, timed from the
 * request to the last client having it. The users are made known to the store first (a
 * notification each, which every client must have seen).
 */
@Tag("benchmark")
class BroadcastBenchmark {

	private static final int BATCH = 500;

	private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

	private final Map<String, Long> welcomed = new ConcurrentHashMap<>();

	private final Histogram arrivals = new ConcurrentHistogram(Duration.ofMinutes(30).toNanos(), 3);

	private final String title = "Maintenance " + UUID.randomUUID();

	private volatile long requestedNanos;

	@Test
	void broadcast() {
		List<String> users = BenchmarkSettings.users("cast-" + UUID.randomUUID().toString().substring(0, 6),
				this.settings.clients());
		Warmup.once();
		BenchmarkReport report = new BenchmarkReport("broadcast");
		try (ClientFleet fleet = ClientFleet.connect(users, this::arrived, Duration.ofMinutes(10))) {
			welcome(users);
			await().atMost(Duration.ofMinutes(5)).until(() -> this.welcomed.size() >= fleet.online());
			ServiceStats before = ServiceStats.sample();
			this.requestedNanos = System.nanoTime();
			Api.Response answer = new Api(HeraldServices.STORE_PORT,
					Herald.tokens.service("operator", "notifications:admin"))
				.post("/v1/admin/broadcasts", Map.of("message", Map.of("title", this.title, "body", "Back soon."),
						"audience", Map.of("type", "ALL")));
			assertThat(answer.status()).as(answer.body()).isEqualTo(202);
			try {
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> this.arrivals.getTotalCount() >= fleet.online());
			}
			catch (ConditionTimeoutException ex) {
				// reported as received/connected below
			}
			report.line("%d connected clients; broadcast received by %d%n", fleet.online(),
					this.arrivals.getTotalCount());
			report.line("| first client s | p50 s | p95 s | p99 s | last client s |");
			report.line("| ---: | ---: | ---: | ---: | ---: |");
			report.line("| %.2f | %.2f | %.2f | %.2f | %.2f |%n", this.arrivals.getMinValue() / 1e9,
					this.arrivals.getValueAtPercentile(50) / 1e9, this.arrivals.getValueAtPercentile(95) / 1e9,
					this.arrivals.getValueAtPercentile(99) / 1e9, this.arrivals.getMaxValue() / 1e9);
			report.line(ServiceStats.sample().since(before));
		}
		report.write();
	}

	/**
	 * One notification per user through ingest's batch endpoint, so the store knows them.
	 */
	private void welcome(List<String> users) {
		Api ingest = new Api(HeraldServices.INGEST_PORT, Herald.tokens.service("art-community", "events:write"));
		List<Map<String, Object>> batch = new ArrayList<>();
		for (String user : users) {
			batch.add(Map.of("eventId", UUID.randomUUID().toString(), "kind", "FOLLOW", "occurredAt",
					Instant.now().toString(), "recipientId", user, "actor",
					Map.of("id", "host-" + UUID.randomUUID(), "handle", "host")));
			if (batch.size() == BATCH || user.equals(users.get(users.size() - 1))) {
				Api.Response answer = ingest.post("/v1/events:batch", Map.of("events", batch));
				assertThat(answer.status()).as(answer.body()).isEqualTo(202);
				batch.clear();
			}
		}
	}

	private void arrived(long arrivedNanos, JsonNode frame) {
		if (this.title.equals(frame.at("/notification/message/title").asString())) {
			this.arrivals.recordValue(arrivedNanos - this.requestedNanos);
		}
		else {
			this.welcomed.put(frame.at("/notification/id").asString(), arrivedNanos);
		}
	}

}
