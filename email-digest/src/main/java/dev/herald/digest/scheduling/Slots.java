package dev.herald.digest.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import dev.herald.digest.recipients.Cadence;

/**
 * When a digest is due. Local times are resolved with {@link ZonedDateTime} in the user's
 * zone, so a 09:00 digest stays at 09:00 local across daylight-saving changes (an hour
 * that does not exist that day moves forward by the gap; an hour that happens twice is
 * taken the first time).
 */
final class Slots {

	private final Duration immediateDelay;

	Slots(Duration immediateDelay) {
		this.immediateDelay = immediateDelay;
	}

	/**
	 * When a user with pending items should next be looked at.
	 * @param cadence their schedule
	 * @param zone their time zone
	 * @param now the current time
	 * @param firstPending when their oldest pending item arrived
	 * @return the due time; empty when digests are off
	 */
	Optional<Instant> nextDue(Cadence cadence, ZoneId zone, Instant now, Instant firstPending) {
		return switch (cadence.frequency()) {
			case OFF -> Optional.empty();
			case IMMEDIATE -> Optional.of(firstPending.plus(this.immediateDelay));
			default -> Optional.of(nextSlotAfter(cadence, zone, now));
		};
	}

	/** The first HOURLY, DAILY or WEEKLY send time strictly after {@code now}. */
	static Instant nextSlotAfter(Cadence cadence, ZoneId zone, Instant now) {
		ZonedDateTime local = now.atZone(zone);
		LocalTime sendTime = LocalTime.of(cadence.sendHour(), 0);
		return switch (cadence.frequency()) {
			case HOURLY -> local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
			case DAILY -> firstAfter(now, local.toLocalDate(), sendTime, zone, 1);
			case WEEKLY ->
				firstAfter(now, local.toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.of(cadence.weekday()))),
						sendTime, zone, 7);
			default -> throw new IllegalArgumentException(cadence.frequency() + " has no slots");
		};
	}

	private static Instant firstAfter(Instant now, LocalDate date, LocalTime time, ZoneId zone, int stepDays) {
		Instant candidate = ZonedDateTime.of(date, time, zone).toInstant();
		return candidate.isAfter(now) ? candidate : ZonedDateTime.of(date.plusDays(stepDays), time, zone).toInstant();
	}

}
