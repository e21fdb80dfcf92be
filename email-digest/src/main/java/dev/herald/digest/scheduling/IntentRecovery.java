package dev.herald.digest.scheduling;

import java.time.Instant;
import java.util.List;

import dev.herald.digest.DigestMetrics;
import dev.herald.digest.DigestProperties;
import dev.herald.digest.emaillog.DeliveryStatus;
import dev.herald.digest.emaillog.EmailLog;
import dev.herald.digest.emaillog.StaleEmail;
import dev.herald.digest.pending.PendingItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides from the log what a stopped instance left behind (at most once): an e-mail that
 * was {@code sending} may have been accepted by the server, so it is marked
 * {@code unknown} and never resent; one still {@code queued} had no attempt in flight, so
 * it is marked {@code failed} and its items go back to pending for the next e-mail. Also
 * applies the retention of pending items and finished log rows.
 */
@Component
class IntentRecovery {

	static final String INTERRUPTED = "interrupted during an SMTP attempt; the server may have accepted it, so it is not resent";

	static final String ABANDONED = "abandoned before any SMTP attempt went through; items returned to pending";

	private static final Logger log = LoggerFactory.getLogger(IntentRecovery.class);

	private static final int BATCH = 100;

	private final EmailLog emailLog;

	private final PendingItems pending;

	private final Schedules schedules;

	private final DigestMetrics metrics;

	private final DigestProperties.Scheduler settings;

	IntentRecovery(EmailLog emailLog, PendingItems pending, Schedules schedules, DigestMetrics metrics,
			DigestProperties properties) {
		this.emailLog = emailLog;
		this.pending = pending;
		this.schedules = schedules;
		this.metrics = metrics;
		this.settings = properties.scheduler();
	}

	/**
	 * Settles e-mails left in flight by a stopped instance: those of an earlier run of
	 * this same instance at once, any other once {@code scheduler.stale-after} has passed
	 * without progress.
	 */
	@Transactional
	void recover(Instant now) {
		settle(this.emailLog.lockLeftByEarlierRun(BATCH), now);
		settle(this.emailLog.lockStale(now.minus(this.settings.staleAfter()), BATCH), now);
	}

	private void settle(List<StaleEmail> left, Instant now) {
		for (StaleEmail stale : left) {
			if (stale.status() == DeliveryStatus.SENDING) {
				this.emailLog.markUnknown(stale.digestId(), INTERRUPTED, now);
				this.pending.deleteClaimed(stale.digestId());
				this.metrics.failed("unknown");
			}
			else {
				this.emailLog.markFailed(stale.digestId(), ABANDONED, now);
				this.pending.release(stale.digestId());
				this.schedules.dueNoLaterThan(stale.userId(), now);
				this.metrics.failed("abandoned");
			}
			log.warn("E-mail {} of {} left {} by a stopped instance: {}", stale.digestId(), stale.userId(),
					stale.status().value(), (stale.status() == DeliveryStatus.SENDING) ? "unknown" : "failed");
		}
	}

	@Transactional
	void applyRetention(Instant now) {
		int items = this.pending.deleteUnclaimedReceivedBefore(now.minus(this.settings.pendingRetention()));
		int rows = this.emailLog.deleteFinishedBefore(now.minus(this.settings.logRetention()));
		if (items + rows > 0) {
			log.info("Retention removed {} pending items and {} e-mail log rows", items, rows);
		}
	}

}
