package dev.herald.store.notification;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, then random
 * bits. New notifications get ids in insertion order, so the primary key index grows at
 * its right edge instead of splitting pages all over a multi-million-row index, and two
 * notifications stored in the same millisecond list newest first (the inbox orders by
 * {@code created_at DESC, id DESC}).
 * <p>
 * Monotonic within this process (RFC 9562 section 6.2, method 1): in a millisecond that
 * already issued an id, or when the clock steps back, the counter grows by one; it starts
 * at a random value below 2048 in each new millisecond, and when it runs out the id's
 * millisecond moves one ahead.
 */
final class TimeOrderedIds {

	private static final SecureRandom random = new SecureRandom();

	private static final int COUNTER_MAX = 0x0FFF;

	private static final TimeOrderedIds shared = new TimeOrderedIds();

	private long lastMillis = Long.MIN_VALUE;

	private int counter;

	/** The next id of this process. */
	static UUID next(Instant now) {
		return shared.nextId(now);
	}

	UUID nextId(Instant now) {
		long millis;
		int sequence;
		synchronized (this) {
			millis = now.toEpochMilli();
			if (millis > this.lastMillis) {
				this.counter = random.nextInt(COUNTER_MAX / 2 + 1);
			}
			else if (this.counter < COUNTER_MAX) {
				millis = this.lastMillis;
				this.counter++;
			}
			else {
				millis = this.lastMillis + 1;
				this.counter = random.nextInt(COUNTER_MAX / 2 + 1);
			}
			this.lastMillis = millis;
			sequence = this.counter;
		}
		long high = (millis << 16) | 0x7000L | sequence;
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low);
	}

}
