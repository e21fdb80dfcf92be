package dev.herald.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Scenario "topic": one event naming a topic with S subscribers
 * ({@code -Dherald.bench.topic.subscribers}, 100,000), N of them connected
 * ({@code -Dherald.bench.clients}, at most S), subscribed through ingest's bulk endpoint
 * (1,000 per call). Timed from the event's request to the last connected subscriber's
 * frame, and to the last stored row (the newest {@code created_at} of the fanned-out
 * notifications, read from PostgreSQL).
 */
@Tag("benchmark")
class TopicBenchmark {

	private static final int BULK = 1000;

	private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

	private final int subscribers = Integer.getInteger("herald.bench.topic.subscribers", 100_000);

	private final Histogram arrivals = new ConcurrentHistogram(Duration.ofMinutes(30).toNanos(), 3);

	private final String run = UUID.randomUUID().toString().substring(0, 6);

	private final String topic = "creator:bench-" + this.run;

	private final String contentId = "post-" + this.run;

	private volatile long requestedNanos;

	@Test
	void topic() {
		List<String> users = BenchmarkSettings.users("topic-" + this.run, this.subscribers);
		Warmup.once();
		BenchmarkReport report = new BenchmarkReport("topic");
		Api ingest = new Api(HeraldServices.INGEST_PORT, Herald.tokens.service("art-community", "events:write"));
		long subscribing = System.nanoTime();
		for (int from = 0; from < users.size(); from += BULK) {
			Api.Response answer = ingest.put("/v1/topics/" + this.topic + "/subscribers",
					Map.of("userIds", users.subList(from, Math.min(users.size(), from + BULK))));
			assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		}
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("SELECT count(*) FROM store.subscriptions WHERE topic = ?", this.topic) == users.size());
		report.line("%,d subscribers through ingest in %.1f s", users.size(), (System.nanoTime() - subscribing) / 1e9);
		List<String> connected = users.subList(0, Math.min(users.size(), this.settings.clients()));
		try (ClientFleet fleet = ClientFleet.connect(connected, this::arrived, Duration.ofMinutes(10))) {
			ServiceStats before = ServiceStats.sample();
			Instant requestedAt = Instant.now();
			this.requestedNanos = System.nanoTime();
			Api.Response answer = ingest.post("/v1/events",
					Map.of("eventId", UUID.randomUUID().toString(), "kind", "MENTION", "topic", this.topic, "actor",
							Map.of("id", "creator-" + this.run, "handle", "creator"), "content",
							Map.of("type", "artwork", "id", this.contentId, "title", "New work")));
			assertThat(answer.status()).as(answer.body()).isEqualTo(202);
			try {
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> this.arrivals.getTotalCount() >= fleet.online() && stored() >= users.size()
							&& completed());
			}
			catch (ConditionTimeoutException ex) {
				// reported as received/stored below
			}
			Instant lastRow = lastRow();
			report.line("%,d subscribers, %,d connected clients; the event reached %,d clients, %,d rows stored%n",
					users.size(), fleet.online(), this.arrivals.getTotalCount(), stored());
			report.line("| first frame s | p50 s | p95 s | p99 s | last frame s | last stored row s |");
			report.line("| ---: | ---: | ---: | ---: | ---: | ---: |");
			report.line("| %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", this.arrivals.getMinValue() / 1e9,
					this.arrivals.getValueAtPercentile(50) / 1e9, this.arrivals.getValueAtPercentile(95) / 1e9,
					this.arrivals.getValueAtPercentile(99) / 1e9, this.arrivals.getMaxValue() / 1e9,
					(lastRow != null) ? Duration.between(requestedAt, lastRow).toMillis() / 1000.0 : Double.NaN);
			report.line("Fan-out (store.broadcasts): %s%n", fanOut(requestedAt));
			report.line(ServiceStats.sample().since(before));
		}
		report.write();
	}

	private void arrived(long arrivedNanos, JsonNode frame) {
		if (this.contentId.equals(frame.at("/notification/content/id").asString())) {
			this.arrivals.recordValue(arrivedNanos - this.requestedNanos);
		}
	}

	private int stored() {
		return count("SELECT count(*) FROM store.notifications WHERE content_type = 'artwork' AND content_id = ?",
				this.contentId);
	}

	private Instant lastRow() {
		try (Connection connection = Herald.stack().infrastructure().database().dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT max(created_at) FROM store.notifications WHERE content_type = 'artwork' AND content_id = ?")) {
			statement.setString(1, this.contentId);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				Timestamp last = rows.getTimestamp(1);
				return (last != null) ? last.toInstant() : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * When the store queued, started and completed the fan-out, after the request: which
	 * stage (publishing the copies or applying them) took the time.
	 */
	private String fanOut(Instant requestedAt) {
		try (Connection connection = Herald.stack().infrastructure().database().dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT created_at, started_at, completed_at, total, sent FROM store.broadcasts WHERE audience_topic = ?")) {
			statement.setString(1, this.topic);
			try (ResultSet rows = statement.executeQuery()) {
				if (!rows.next()) {
					return "not queued";
				}
				return String.format(
						"queued %.2f s, started %.2f s, completed %.2f s after the request (a poll after its last batch); %d of %d sent",
						seconds(requestedAt, rows.getTimestamp(1)), seconds(requestedAt, rows.getTimestamp(2)),
						seconds(requestedAt, rows.getTimestamp(3)), rows.getInt(5), rows.getInt(4));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean completed() {
		return count("SELECT count(*) FROM store.broadcasts WHERE audience_topic = ? AND completed_at IS NOT NULL",
				this.topic) == 1;
	}

	private static double seconds(Instant from, Timestamp to) {
		return (to != null) ? Duration.between(from, to.toInstant()).toMillis() / 1000.0 : Double.NaN;
	}

	private static int count(String sql, String parameter) {
		try (Connection connection = Herald.stack().infrastructure().database().dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
