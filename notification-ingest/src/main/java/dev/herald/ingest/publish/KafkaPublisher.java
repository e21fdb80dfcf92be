package dev.herald.ingest.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.herald.ingest.IngestMetrics;
import dev.herald.ingest.IngestProperties;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.UserContact;
import dev.herald.schema.topic.Topics;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes records and returns only once Kafka acknowledged every one of them, or throws
 * {@link PublishUnavailableException} within {@code herald.ingest.publish-timeout}. Calls
 * go through the {@value #CIRCUIT_BREAKER} circuit breaker: while it is open, requests
 * fail at once instead of each waiting for the timeout.
 */
@Component
public class KafkaPublisher {

	/** Name of the resilience4j circuit breaker instance. */
	public static final String CIRCUIT_BREAKER = "kafka";

	private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

	private final KafkaTemplate<String, SocialEvent> events;

	private final KafkaTemplate<String, UserContact> contacts;

	private final KafkaTemplate<String, SubscriptionChange> subscriptions;

	private final CircuitBreaker circuitBreaker;

	private final IngestMetrics metrics;

	private final Duration timeout;

	KafkaPublisher(KafkaTemplate<String, SocialEvent> events, KafkaTemplate<String, UserContact> contacts,
			KafkaTemplate<String, SubscriptionChange> subscriptions, CircuitBreakerRegistry circuitBreakers,
			IngestMetrics metrics, IngestProperties properties) {
		this.events = events;
		this.contacts = contacts;
		this.subscriptions = subscriptions;
		this.circuitBreaker = circuitBreakers.circuitBreaker(CIRCUIT_BREAKER);
		this.metrics = metrics;
		this.timeout = properties.publishTimeout();
	}

	/**
	 * Writes events keyed by recipient (a topic event by its topic); {@code onWritten}
	 * runs for each event Kafka acknowledged, also when others of the same call fail.
	 */
	public void publishEvents(List<SocialEvent> events, Consumer<SocialEvent> onWritten) {
		publish(events.stream()
			.<Supplier<CompletableFuture<?>>>map((event) -> () -> send(event).thenRun(() -> onWritten.accept(event)))
			.toList());
	}

	/** Writes a user's latest contact details. */
	public void publishContact(UserContact contact) {
		publish(List.of(() -> this.contacts.send(Topics.USER_CONTACTS.name(), contact.getUserId(), contact)));
	}

	/**
	 * Writes the tombstone of a user's contact details, then their USER_DELETED event.
	 */
	public void publishErasure(String userId, SocialEvent userDeleted) {
		publish(List.of(() -> this.contacts.send(Topics.USER_CONTACTS.name(), userId, null), () -> send(userDeleted)));
	}

	/**
	 * Writes users following or leaving a topic, keyed by the topic, so the changes of
	 * one topic stay in order.
	 */
	public void publishSubscriptionChange(SubscriptionChange change) {
		publish(List.of(() -> this.subscriptions.send(Topics.SUBSCRIPTIONS.name(), change.getTopic(), change)));
	}

	/**
	 * Keyed by recipient; a topic event by its topic, as the store fans it out to keys of
	 * its own.
	 */
	private CompletableFuture<?> send(SocialEvent event) {
		String key = (event.getTopic() != null) ? event.getTopic() : event.getRecipientId();
		return this.events.send(Topics.SOCIAL_EVENTS.name(), key, event);
	}

	private void publish(List<Supplier<CompletableFuture<?>>> sends) {
		if (sends.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		try {
			this.circuitBreaker.executeCallable(() -> sendAndAwait(sends, start));
			this.metrics.published(Duration.ofNanos(System.nanoTime() - start), true);
		}
		catch (CallNotPermittedException ex) {
			throw new PublishUnavailableException("Kafka is unavailable (circuit open)", retryAfter(), ex);
		}
		catch (Exception ex) {
			this.metrics.published(Duration.ofNanos(System.nanoTime() - start), false);
			throw unavailable(ex);
		}
	}

	private Void sendAndAwait(List<Supplier<CompletableFuture<?>>> sends, long start)
			throws InterruptedException, ExecutionException, TimeoutException {
		CompletableFuture<?>[] acks = sends.stream().map(Supplier::get).toArray(CompletableFuture[]::new);
		long remaining = this.timeout.toNanos() - (System.nanoTime() - start);
		CompletableFuture.allOf(acks).get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
		return null;
	}

	private PublishUnavailableException unavailable(Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
		log.warn("Kafka did not acknowledge within {}: {}", this.timeout, cause.toString());
		return new PublishUnavailableException("Kafka did not acknowledge within " + this.timeout, retryAfter(), cause);
	}

	private Duration retryAfter() {
		return Duration
			.ofMillis(this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
	}

}
