package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.devstack.HeraldServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Like an upstream service: a reaction on a new artwork of the next recipient, round
 * robin, at a steady pace through ingest. Events ingest could not take (it or Kafka is
 * down) wait in order and are sent again, with the same id, on the next tick. Every event
 * ingest accepted is remembered by its artwork id, which the notification carries.
 */
final class EventStream implements AutoCloseable {

	private final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	private final List<String> recipients;

	private final String prefix = "art-" + UUID.randomUUID().toString().substring(0, 8) + "-";

	private final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();

	private final Deque<Map<String, Object>> backlog = new ArrayDeque<>();

	private final AtomicInteger generated = new AtomicInteger();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private EventStream(List<String> recipients, Duration interval) {
		this.recipients = List.copyOf(recipients);
		recipients.forEach((recipient) -> this.accepted.put(recipient, ConcurrentHashMap.newKeySet()));
		this.ticker.scheduleWithFixedDelay(this::publishNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	static EventStream start(List<String> recipients, Duration interval) {
		return new EventStream(recipients, interval);
	}

	/** Artwork ids of the events ingest accepted for this recipient. */
	Set<String> accepted(String recipient) {
		return Set.copyOf(this.accepted.get(recipient));
	}

	int acceptedCount() {
		return this.accepted.values().stream().mapToInt(Set::size).sum();
	}

	/** Stops generating and waits until ingest took every event still waiting. */
	@Override
	public void close() {
		this.ticker.shutdown();
		try {
			assertThat(this.ticker.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		await().atMost(Duration.ofMinutes(1)).until(this::backlogAccepted);
	}

	private void publishNext() {
		int n = this.generated.getAndIncrement();
		String recipient = this.recipients.get(n % this.recipients.size());
		String artwork = this.prefix + n;
		this.backlog.add(Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED", "occurredAt",
				Instant.now().toString(), "recipientId", recipient, "actor",
				Map.of("id", "fan-" + UUID.randomUUID(), "handle", "fan" + n), "content",
				Map.of("type", "artwork", "id", artwork, "title", "Piece " + n), "reaction", "🎨"));
		backlogAccepted();
	}

	private synchronized boolean backlogAccepted() {
		while (!this.backlog.isEmpty() && accepted(this.backlog.peek())) {
			Map<String, Object> event = this.backlog.poll();
			@SuppressWarnings("unchecked")
			Map<String, Object> content = (Map<String, Object>) event.get("content");
			this.accepted.get((String) event.get("recipientId")).add((String) content.get("id"));
		}
		return this.backlog.isEmpty();
	}

	private boolean accepted(Map<String, Object> event) {
		try {
			return this.ingest.post("/v1/events", event).status() == 202;
		}
		catch (RuntimeException unavailable) {
			return false;
		}
	}

}
