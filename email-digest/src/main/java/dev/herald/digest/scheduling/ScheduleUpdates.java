package dev.herald.digest.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.herald.digest.pending.ItemPending;
import dev.herald.digest.pending.PendingItems;
import dev.herald.digest.recipients.Recipient;
import dev.herald.digest.recipients.RecipientChanged;
import dev.herald.digest.recipients.RecipientErased;
import dev.herald.digest.recipients.Recipients;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's due time in step with their pending items and settings, inside the
 * transaction that changed them.
 */
@Component
class ScheduleUpdates {

	private final Schedules schedules;

	private final Recipients recipients;

	private final PendingItems pending;

	private final Slots slots;

	private final Clock clock;

	ScheduleUpdates(Schedules schedules, Recipients recipients, PendingItems pending, Slots slots, Clock clock) {
		this.schedules = schedules;
		this.recipients = recipients;
		this.pending = pending;
		this.slots = slots;
		this.clock = clock;
	}

	/** The first pending item arms the schedule; later ones join the same digest. */
	@EventListener
	void on(ItemPending event) {
		if (!event.critical()) {
			Instant now = this.clock.instant();
			Recipient recipient = this.recipients.find(event.userId());
			this.slots.nextDue(recipient.cadence(), recipient.zone(), now, now)
				.ifPresent((due) -> this.schedules.setIfUnset(event.userId(), due));
		}
	}

	@EventListener
	void on(RecipientChanged event) {
		String userId = event.userId();
		Optional<Instant> firstPending = this.pending.oldestUnclaimed(userId);
		Recipient recipient = this.recipients.find(userId);
		firstPending
			.flatMap((first) -> this.slots.nextDue(recipient.cadence(), recipient.zone(), this.clock.instant(), first))
			.ifPresentOrElse((due) -> this.schedules.set(userId, due), () -> this.schedules.clear(userId));
	}

	@EventListener
	void on(RecipientErased event) {
		this.schedules.clear(event.userId());
	}

}
