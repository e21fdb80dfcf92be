package dev.herald.store.notification;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits. New
 * notifications get ids in about insertion order, so the primary key index grows at its
 * right edge instead of splitting pages all over a multi-million-row index.
 */
final class TimeOrderedIds {

	private static final SecureRandom random = new SecureRandom();

	private TimeOrderedIds() {
	}

	static UUID next(Instant now) {
		long millis = now.toEpochMilli();
		long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low);
	}

}
