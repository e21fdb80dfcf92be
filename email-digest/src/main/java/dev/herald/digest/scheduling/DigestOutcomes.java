package dev.herald.digest.scheduling;

import java.time.Instant;

import dev.herald.digest.DigestMetrics;
import dev.herald.digest.DigestProperties;
import dev.herald.digest.delivery.DeliveryOutcome;
import dev.herald.digest.delivery.Digest;
import dev.herald.digest.emaillog.DigestKind;
import dev.herald.digest.emaillog.EmailLog;
import dev.herald.digest.pending.PendingItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records how an e-mail ended and settles its items in the same transaction: sent or
 * possibly sent items leave the pending list; items of an e-mail that certainly did not
 * go out are released for a later one.
 */
@Component
class DigestOutcomes {

	private static final Logger log = LoggerFactory.getLogger(DigestOutcomes.class);

	private final EmailLog emailLog;

	private final PendingItems pending;

	private final Schedules schedules;

	private final DigestMetrics metrics;

	private final DigestProperties.Scheduler settings;

	DigestOutcomes(EmailLog emailLog, PendingItems pending, Schedules schedules, DigestMetrics metrics,
			DigestProperties properties) {
		this.emailLog = emailLog;
		this.pending = pending;
		this.schedules = schedules;
		this.metrics = metrics;
		this.settings = properties.scheduler();
	}

	@Transactional
	void record(Digest digest, DeliveryOutcome outcome, Instant now) {
		switch (outcome.result()) {
			case SENT -> {
				this.emailLog.markSent(digest.id(), now);
				this.pending.deleteClaimed(digest.id());
				this.metrics.sent(digest.kind().value());
			}
			case PERMANENT_FAILURE -> {
				this.emailLog.markFailed(digest.id(), outcome.reason(), now);
				this.pending.deleteClaimed(digest.id());
				this.metrics.failed("permanent");
			}
			case RETRIES_EXHAUSTED -> retryLater(digest, outcome, now);
			case UNKNOWN -> {
				this.emailLog.markUnknown(digest.id(), outcome.reason(), now);
				this.pending.deleteClaimed(digest.id());
				this.metrics.failed("unknown");
			}
		}
		log.info("{} {} to {} with {} items: {} {}", digest.kind().value(), digest.id(), digest.recipient().userId(),
				digest.items().size(), outcome.result(), (outcome.reason() != null) ? outcome.reason() : "");
	}

	private void retryLater(Digest digest, DeliveryOutcome outcome, Instant now) {
		this.emailLog.markFailed(digest.id(), "retries exhausted: " + outcome.reason(), now);
		this.pending.release(digest.id());
		if (digest.kind() == DigestKind.DIGEST) {
			this.schedules.dueNoLaterThan(digest.recipient().userId(), now.plus(this.settings.requeueAfter()));
		}
		this.metrics.failed("retries_exhausted");
	}

}
