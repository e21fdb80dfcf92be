package dev.herald.digest.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.herald.digest.recipients.Cadence;
import dev.herald.schema.DigestFrequency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotsTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

	final Slots slots = new Slots(Duration.ofMinutes(2));

	@Test
	void dailyIsAtTheLocalHourTodayOrTomorrow() {
		Cadence nine = cadence(DigestFrequency.DAILY, 9, 1);
		assertThat(next(nine, LISBON, "2026-06-01T07:59:00Z")).isEqualTo("2026-06-01T08:00:00Z");
		assertThat(next(nine, LISBON, "2026-06-01T08:00:00Z")).isEqualTo("2026-06-02T08:00:00Z");
	}

	@Test
	void dailyFollowsDaylightSavingChanges() {
		Cadence nine = cadence(DigestFrequency.DAILY, 9, 1);
		assertThat(next(nine, NEW_YORK, "2026-03-07T14:00:00Z")).isEqualTo("2026-03-08T13:00:00Z");
		assertThat(next(nine, NEW_YORK, "2026-10-31T13:00:00Z")).isEqualTo("2026-11-01T14:00:00Z");
	}

	@Test
	void anHourSkippedBySpringForwardMovesByTheGapAndARepeatedHourCountsOnce() {
		Cadence two = cadence(DigestFrequency.DAILY, 2, 1);
		assertThat(next(two, NEW_YORK, "2026-03-08T05:00:00Z")).isEqualTo("2026-03-08T07:00:00Z");
		Cadence one = cadence(DigestFrequency.DAILY, 1, 1);
		assertThat(next(one, NEW_YORK, "2026-11-01T04:00:00Z")).isEqualTo("2026-11-01T05:00:00Z");
		assertThat(next(one, NEW_YORK, "2026-11-01T05:00:00Z")).isEqualTo("2026-11-02T06:00:00Z");
	}

	@Test
	void weeklyIsOnTheWeekdayAtTheLocalHour() {
		Cadence mondayNine = cadence(DigestFrequency.WEEKLY, 9, 1);
		assertThat(next(mondayNine, LISBON, "2026-06-03T12:00:00Z")).isEqualTo("2026-06-08T08:00:00Z");
		assertThat(next(mondayNine, LISBON, "2026-06-08T07:00:00Z")).isEqualTo("2026-06-08T08:00:00Z");
		assertThat(next(mondayNine, LISBON, "2026-06-08T08:00:00Z")).isEqualTo("2026-06-15T08:00:00Z");
	}

	@Test
	void hourlyIsAtTheNextLocalFullHour() {
		Cadence hourly = cadence(DigestFrequency.HOURLY, 0, 1);
		assertThat(next(hourly, ZoneOffset.UTC, "2026-06-01T10:20:00Z")).isEqualTo("2026-06-01T11:00:00Z");
		assertThat(next(hourly, ZoneId.of("Asia/Kolkata"), "2026-06-01T10:20:00Z")).isEqualTo("2026-06-01T10:30:00Z");
	}

	@Test
	void immediateIsTheDelayAfterTheFirstPendingItemAndOffIsNever() {
		Cadence immediate = cadence(DigestFrequency.IMMEDIATE, 0, 1);
		assertThat(this.slots.nextDue(immediate, LISBON, Instant.parse("2026-06-01T10:05:00Z"),
				Instant.parse("2026-06-01T10:00:00Z")))
			.contains(Instant.parse("2026-06-01T10:02:00Z"));
		assertThat(this.slots.nextDue(cadence(DigestFrequency.OFF, 9, 1), LISBON, Instant.now(), Instant.now()))
			.isEmpty();
	}

	private String next(Cadence cadence, ZoneId zone, String now) {
		Instant at = Instant.parse(now);
		return this.slots.nextDue(cadence, zone, at, at).orElseThrow().toString();
	}

	private static Cadence cadence(DigestFrequency frequency, int hour, int weekday) {
		return new Cadence(frequency, hour, weekday, 1);
	}

}
