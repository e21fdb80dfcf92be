package dev.herald.digest.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.herald.digest.delivery.Digest;
import dev.herald.digest.delivery.DigestComposer;
import dev.herald.digest.emaillog.DigestKind;
import dev.herald.digest.emaillog.EmailIntent;
import dev.herald.digest.emaillog.EmailLog;
import dev.herald.digest.pending.CriticalItem;
import dev.herald.digest.pending.PendingItem;
import dev.herald.digest.pending.PendingItems;
import dev.herald.digest.recipients.Recipient;
import dev.herald.digest.recipients.Recipients;
import dev.herald.schema.DigestFrequency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims what is due, one user per transaction: the due user's row is locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances never take the same user; a
 * digest's intent ({@code queued}, with its exact items) is committed before any SMTP
 * attempt.
 */
@Component
class DigestClaims {

	private static final Logger log = LoggerFactory.getLogger(DigestClaims.class);

	private final Schedules schedules;

	private final Recipients recipients;

	private final PendingItems pending;

	private final EmailLog emailLog;

	private final DigestComposer composer;

	private final TransactionTemplate transactions;

	DigestClaims(Schedules schedules, Recipients recipients, PendingItems pending, EmailLog emailLog,
			DigestComposer composer, TransactionTemplate transactions) {
		this.schedules = schedules;
		this.recipients = recipients;
		this.pending = pending;
		this.emailLog = emailLog;
		this.composer = composer;
		this.transactions = transactions;
	}

	/** Claims up to {@code limit} e-mails: critical notifications first, then digests. */
	List<Digest> claim(Instant now, int limit) {
		List<Digest> claimed = new ArrayList<>();
		claimWhileAny(() -> nextCritical(now), claimed, limit);
		claimWhileAny(() -> nextDigest(now), claimed, limit);
		return claimed;
	}

	/**
	 * Runs {@code step} in its own transaction until it finds nothing or the limit is
	 * hit.
	 */
	private void claimWhileAny(Supplier<Optional<List<Digest>>> step, List<Digest> claimed, int limit) {
		boolean found = true;
		while (found && claimed.size() < limit) {
			Optional<List<Digest>> result = this.transactions.execute((status) -> step.get());
			result.ifPresent(claimed::addAll);
			found = result.isPresent();
		}
	}

	/** Empty when no user is due; else the user's digest, if one is to be sent. */
	private Optional<List<Digest>> nextDigest(Instant now) {
		return this.schedules.lockNextDue(now).map((userId) -> evaluate(this.recipients.find(userId), now));
	}

	private List<Digest> evaluate(Recipient recipient, Instant now) {
		String userId = recipient.userId();
		List<PendingItem> items = this.pending.unclaimed(userId);
		if (!recipient.wantsDigests()) {
			this.pending.dropUnclaimed(userId);
		}
		if (items.isEmpty() || !recipient.wantsDigests() || !recipient.hasAddress()) {
			this.schedules.clear(userId);
			return List.of();
		}
		if (items.size() < recipient.cadence().minimumUnread()) {
			waitForMore(recipient, now);
			return List.of();
		}
		this.schedules.clear(userId);
		return List.of(intent(DigestKind.DIGEST, recipient, items, now));
	}

	private void waitForMore(Recipient recipient, Instant now) {
		if (recipient.cadence().frequency() == DigestFrequency.IMMEDIATE) {
			this.schedules.clear(recipient.userId());
		}
		else {
			this.schedules.set(recipient.userId(), Slots.nextSlotAfter(recipient.cadence(), recipient.zone(), now));
		}
	}

	private Optional<List<Digest>> nextCritical(Instant now) {
		return this.pending.lockNextCritical().map((critical) -> claimCritical(critical, now));
	}

	private List<Digest> claimCritical(CriticalItem critical, Instant now) {
		Recipient recipient = this.recipients.find(critical.userId());
		if (!recipient.hasAddress()) {
			log.info("Critical notification {} of {} dropped: no e-mail address", critical.item().notificationId(),
					critical.userId());
			this.pending.deleteCritical(critical.userId(), critical.item().notificationId());
			return List.of();
		}
		return List.of(intent(DigestKind.CRITICAL, recipient, List.of(critical.item()), now));
	}

	private Digest intent(DigestKind kind, Recipient recipient, List<PendingItem> items, Instant now) {
		UUID id = UUID.randomUUID();
		Digest digest = new Digest(id, kind, recipient, items, this.composer.compose(id, kind, recipient, items, now));
		this.pending.claim(id, recipient.userId(), digest.itemIds());
		this.emailLog.recordIntent(new EmailIntent(id, recipient.userId(), kind, recipient.email(),
				digest.mail().subject(), digest.itemIds(), digest.mail().messageId()), now);
		return digest;
	}

}
