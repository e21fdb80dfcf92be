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
import dev.herald.digest.delivery.DigestDelivery;
import dev.herald.digest.pending.PendingItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs every {@code herald.digest.scheduler.interval}: recovers stale intents, claims
 * what is due by the injected {@link Clock}, sends the claimed e-mails in parallel on
 * virtual threads, and records each outcome.
 */
@Component
class DigestScheduler implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

	private static final Duration RETENTION_EVERY = Duration.ofHours(1);

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
			PendingItems pending, DigestMetrics metrics, DigestProperties properties, Clock clock) {
		this.claims = claims;
		this.delivery = delivery;
		this.outcomes = outcomes;
		this.recovery = recovery;
		this.pending = pending;
		this.metrics = metrics;
		this.settings = properties.scheduler();
		this.clock = clock;
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

	private void deliver(Digest digest) {
		this.outcomes.record(digest, this.delivery.deliver(digest), this.clock.instant());
	}

}
