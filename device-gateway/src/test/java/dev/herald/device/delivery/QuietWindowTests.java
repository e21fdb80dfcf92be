package dev.herald.device.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.herald.device.preferences.UserSettings;
import dev.herald.device.registry.Player;
import dev.herald.device.registry.QuietHours;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietWindowTests {

	private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

	private static final QuietHours LUNCH = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));

	@Test
	void windowOverMidnightContainsLateEveningAndEarlyMorningOnly() {
		QuietWindow window = new QuietWindow(NIGHT, ZoneOffset.UTC);

		assertThat(window.contains(Instant.parse("2026-03-02T22:00:00Z"))).isTrue();
		assertThat(window.contains(Instant.parse("2026-03-03T06:59:59Z"))).isTrue();
		assertThat(window.contains(Instant.parse("2026-03-03T07:00:00Z"))).isFalse();
		assertThat(window.contains(Instant.parse("2026-03-02T21:59:59Z"))).isFalse();
	}

	@Test
	void windowWithinADayHasAnExclusiveEnd() {
		QuietWindow window = new QuietWindow(LUNCH, ZoneOffset.UTC);

		assertThat(window.contains(Instant.parse("2026-03-02T12:00:00Z"))).isTrue();
		assertThat(window.contains(Instant.parse("2026-03-02T13:29:59Z"))).isTrue();
		assertThat(window.contains(Instant.parse("2026-03-02T13:30:00Z"))).isFalse();
		assertThat(window.contains(Instant.parse("2026-03-02T11:59:59Z"))).isFalse();
	}

	@Test
	void endAfterIsTheNextEndInTheUsersTimeZone() {
		QuietWindow window = new QuietWindow(NIGHT, ZoneId.of("America/Sao_Paulo"));

		assertThat(window.endAfter(Instant.parse("2026-03-03T02:00:00Z"))).isEqualTo("2026-03-03T10:00:00Z");
		assertThat(window.endAfter(Instant.parse("2026-03-03T09:00:00Z"))).isEqualTo("2026-03-03T10:00:00Z");
		assertThat(window.endAfter(Instant.parse("2026-03-03T10:00:00Z"))).isEqualTo("2026-03-04T10:00:00Z");
	}

	@Test
	void playersOwnQuietHoursWinOverTheUsersAndNoneMeansNeverQuiet() {
		UserSettings owner = new UserSettings("u", Locale.ENGLISH, ZoneOffset.UTC, LUNCH);
		Instant lunch = Instant.parse("2026-03-02T12:30:00Z");
		Instant night = Instant.parse("2026-03-02T23:30:00Z");

		assertThat(QuietWindow.of(player(NIGHT), owner).contains(night)).isTrue();
		assertThat(QuietWindow.of(player(NIGHT), owner).contains(lunch)).isFalse();
		assertThat(QuietWindow.of(player(null), owner).contains(lunch)).isTrue();
		assertThat(QuietWindow.of(player(null), UserSettings.defaults("u")).contains(night)).isFalse();
	}

	private static Player player(QuietHours quietHours) {
		return new Player("p", "u", "Desk", true, quietHours, 60, Instant.EPOCH, Instant.EPOCH);
	}

}
