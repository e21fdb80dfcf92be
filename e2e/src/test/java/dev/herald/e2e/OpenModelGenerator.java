package dev.herald.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.herald.devstack.HeraldServices;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import static org.awaitility.Awaitility.await;

/**
 * Constant-rate, open-model load through ingest: requests of {@code batch} events are due
 * every {@code batch / rate} seconds (request {@code k} at
 * {@code start + k * batch / rate}, and each of its events with it) and are sent when
 * due, whether or not earlier requests have been answered. Latency is measured from the
 * due time, so a stall anywhere shows up as latency instead of silently slowing the
 * generator (no coordinated omission). Each event is a reaction on its own artwork
 * {@code <run>-<i>}, so the index travels to the client in the notification. The time
 * from a request's due time to ingest's answer is kept too ({@link #acknowledgements()}).
 */
final class OpenModelGenerator implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final URI EVENTS = URI.create(Herald.url(HeraldServices.INGEST_PORT) + "/v1/events");

	private static final URI BATCH = URI.create(Herald.url(HeraldServices.INGEST_PORT) + "/v1/events:batch");

	private final String run = "b" + UUID.randomUUID().toString().substring(0, 8);

	private final String authorization = "Bearer " + Herald.tokens.service("art-community", "events:write");

	private final double rate;

	private final int total;

	private final IntFunction<String> recipients;

	private final int batch;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final Histogram acknowledgements = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(10), 3);

	private final long startNanos;

	/**
	 * The wall clock at {@link #startNanos}, to compare with the services' timestamps.
	 */
	private final long startEpochNanos;

	private int next;

	private volatile boolean allSent;

	private OpenModelGenerator(double rate, Duration duration, IntFunction<String> recipients, int batch) {
		this.rate = rate;
		this.total = (int) (rate * duration.toMillis() / 1000);
		this.recipients = recipients;
		this.batch = batch;
		long now = System.nanoTime();
		Instant wall = Instant.now();
		this.startNanos = now + TimeUnit.MILLISECONDS.toNanos(100);
		this.startEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano()
				+ TimeUnit.MILLISECONDS.toNanos(100);
		this.ticker.scheduleAtFixedRate(this::sendDue, 100, 1, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts sending {@code rate} events per second for {@code duration}, one request per
	 * event.
	 * @param recipients the recipient of event {@code i}
	 */
	static OpenModelGenerator start(double rate, Duration duration, IntFunction<String> recipients) {
		return new OpenModelGenerator(rate, duration, recipients, 1);
	}

	/**
	 * Like {@link #start(double, Duration, IntFunction)}, but in
	 * {@code POST /v1/events:batch} requests of {@code batch} events, one every
	 * {@code batch / rate} seconds.
	 */
	static OpenModelGenerator startBatched(double rate, Duration duration, IntFunction<String> recipients, int batch) {
		return new OpenModelGenerator(rate, duration, recipients, batch);
	}

	private void sendDue() {
		long now = System.nanoTime();
		while (this.next < this.total && dueNanos(this.next) <= now) {
			int first = this.next;
			this.next = Math.min(this.total, first + this.batch);
			if (this.batch == 1) {
				send(first);
			}
			else {
				sendBatch(first, this.next);
			}
		}
		if (this.next == this.total) {
			this.allSent = true;
			this.ticker.shutdown();
		}
	}

	private void send(int index) {
		post(EVENTS, event(index), index, 1);
	}

	private void sendBatch(int from, int to) {
		StringBuilder events = new StringBuilder("{\"events\":[");
		for (int index = from; index < to; index++) {
			events.append((index > from) ? "," : "").append(event(index));
		}
		post(BATCH, events.append("]}").toString(), from, to - from);
	}

	private void post(URI uri, String body, int first, int events) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
			this.inFlight.decrementAndGet();
			if (failure == null && response.statusCode() == 202) {
				this.acknowledgements.recordValue(Math.clamp(System.nanoTime() - dueNanos(first), 0,
						this.acknowledgements.getHighestTrackableValue()));
				this.accepted.addAndGet(events);
			}
			else {
				this.refused.addAndGet(events);
			}
		});
	}

	private String event(int index) {
		return """
				{"eventId":"%s","kind":"REACTION_ADDED","occurredAt":"%s","recipientId":"%s",\
				"actor":{"id":"fan-%d","handle":"fan%d"},\
				"content":{"type":"artwork","id":"%s-%d","title":"Piece %d"},"reaction":"👍"}""".formatted(
				UUID.randomUUID(), Instant.now(), this.recipients.apply(index), index, index, this.run, index, index);
	}

	/**
	 * When event {@code index} was due (with the request it goes in), on the
	 * {@link System#nanoTime()} clock.
	 */
	long dueNanos(int index) {
		long request = index / this.batch;
		return this.startNanos + (long) (request * this.batch * 1e9 / this.rate);
	}

	/** A {@link System#nanoTime()} reading on the wall clock, in epoch milliseconds. */
	double epochMillis(long nanoTime) {
		return (this.startEpochNanos + (nanoTime - this.startNanos)) / 1e6;
	}

	/** From each accepted request's due time to ingest's 202. */
	Histogram acknowledgements() {
		return this.acknowledgements;
	}

	/** The event index an artwork id of this run stands for, or -1. */
	int indexOf(String artworkId) {
		return artworkId.startsWith(this.run + "-") ? Integer.parseInt(artworkId.substring(this.run.length() + 1)) : -1;
	}

	/** Whether every event was sent and answered. */
	boolean answered() {
		return this.allSent && this.inFlight.get() == 0;
	}

	/** Waits until every event was sent and answered. */
	void awaitAnswered(Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.allSent && this.inFlight.get() == 0);
	}

	int total() {
		return this.total;
	}

	int accepted() {
		return this.accepted.get();
	}

	int refused() {
		return this.refused.get();
	}

	int maxInFlight() {
		return this.maxInFlight.get();
	}

	/** Seconds from the first due time to now. */
	double elapsedSeconds() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

}
