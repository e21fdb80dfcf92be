package dev.herald.digest.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.herald.digest.DigestMetrics;
import dev.herald.digest.DigestProperties;
import dev.herald.digest.delivery.Digest;
import dev.herald.digest.delivery.DeliveryOutcome;
import dev.herald.digest.delivery.DigestDelivery;
import dev.herald.digest.pending.PendingItems;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Runs every {@code herald.digest.scheduler.interval}: recovers stale intents, claims
 * what is due by the injected {@link Clock}, sends the claimed e-mails in parallel on
 * virtual threads, and records each outcome.
 */
@Component
class DigestScheduler implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

	private static final Duration RETENTION_EVERY = Duration.ofHours(1);

	private static final Duration RECORD_RETRY_FIRST = Duration.ofMillis(200);

	private static final Duration RECORD_RETRY_LONGEST = Duration.ofSeconds(5);

	/** Retries recording an outcome, 200 ms doubling to 5 s, until stale-after. */
	private final Retry recordRetry;

	private final DigestClaims claims;

	private final DigestDelivery delivery;

	private final DigestOutcomes outcomes;

	private final IntentRecovery recovery;

	private final PendingItems pending;

	private final DigestMetrics metrics;

	private final DigestProperties.Scheduler settings;

	private final Clock clock;

	private final AtomicLong lastRunNanos = new AtomicLong(System.nanoTime());

	private final AtomicReference<Instant> nextRetention = new AtomicReference<>(Instant.MIN);

	DigestScheduler(DigestClaims claims, DigestDelivery delivery, DigestOutcomes outcomes, IntentRecovery recovery,
			PendingItems pending, DigestMetrics metrics, DigestProperties properties, RetryRegistry retries,
			Clock clock) {
		this.claims = claims;
		this.delivery = delivery;
		this.outcomes = outcomes;
		this.recovery = recovery;
		this.pending = pending;
		this.metrics = metrics;
		this.settings = properties.scheduler();
		this.clock = clock;
		this.recordRetry = retries.retry("digest-outcome", RetryConfig.custom()
			.maxAttempts(attemptsWithin(this.settings.staleAfter()))
			.intervalFunction(IntervalFunction.ofExponentialBackoff(RECORD_RETRY_FIRST, 2, RECORD_RETRY_LONGEST))
			// a connection cut mid-transaction also fails its rollback
			// (TransactionException)
			.retryExceptions(DataAccessException.class, TransactionException.class)
			.build());
		this.recordRetry.getEventPublisher()
			.onRetry((event) -> log.warn("Outcome of an e-mail not recorded yet, the database is not available: {}",
					String.valueOf(event.getLastThrowable().getMessage())));
	}

	/** Attempts whose pauses (200 ms doubling to 5 s) add up to about {@code within}. */
	static int attemptsWithin(Duration within) {
		int attempts = 1;
		Duration waited = Duration.ZERO;
		Duration pause = RECORD_RETRY_FIRST;
		while (waited.compareTo(within) < 0) {
			waited = waited.plus(pause);
			attempts++;
			pause = (pause.compareTo(RECORD_RETRY_LONGEST) < 0) ? pause.multipliedBy(2) : RECORD_RETRY_LONGEST;
		}
		return attempts;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::runSafely, this.settings.interval());
	}

	void runSafely() {
		try {
			run();
		}
		catch (DataAccessException ex) {
			log.warn("Digest run skipped, the database is not available: {}", ex.getMessage());
		}
	}

	void run() {
		Instant now = this.clock.instant();
		this.recovery.recover(now);
		if (now.isAfter(this.nextRetention.get())) {
			this.recovery.applyRetention(now);
			this.nextRetention.set(now.plus(RETENTION_EVERY));
		}
		deliverAll(this.claims.claim(now, this.settings.batchSize()));
		this.metrics.pendingUsers(this.pending.usersWithPending());
		this.lastRunNanos.set(System.nanoTime());
	}

	long lastRunNanos() {
		return this.lastRunNanos.get();
	}

	private void deliverAll(List<Digest> digests) {
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			digests.forEach((digest) -> executor.execute(() -> deliver(digest)));
		}
	}

	/**
	 * Sends, then records the outcome; when the database does not answer right then, the
	 * outcome (known in memory) is recorded once it does. Left unrecorded, the e-mail
	 * would stay {@code sending} and hold the user's next one back until
	 * {@code scheduler.stale-after}, when it is settled as {@code unknown}.
	 */
	private void deliver(Digest digest) {
		DeliveryOutcome outcome = this.delivery.deliver(digest);
		Instant at = this.clock.instant();
		this.recordRetry.executeRunnable(() -> this.outcomes.record(digest, outcome, at));
	}

}
