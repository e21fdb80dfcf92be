package dev.herald.device.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A player's pacing row.
 *
 * @param playerKey the player
 * @param lastSentAt when it last got a message, or {@code null}
 * @param summaryId id of the summary that folded messages will be released as
 * @param releaseAt when folded or held messages are due, or {@code null} when none wait
 */
record PacingState(String playerKey, Instant lastSentAt, UUID summaryId, Instant releaseAt) {

	/** When the player may get its next message. */
	Instant intervalEnd(int minIntervalSeconds) {
		return (this.lastSentAt != null) ? this.lastSentAt.plusSeconds(minIntervalSeconds) : Instant.MIN;
	}

	boolean intervalOver(Instant now, int minIntervalSeconds) {
		return !now.isBefore(intervalEnd(minIntervalSeconds));
	}

}
