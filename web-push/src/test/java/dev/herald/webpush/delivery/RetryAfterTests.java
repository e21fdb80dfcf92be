package dev.herald.webpush.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Retry-After} as RFC 9110 allows it: delay-seconds or an HTTP-date.
 */
class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T20:00:00Z"), ZoneOffset.UTC);

	@Test
	void secondsOrADateAreReadAndAnythingElseIsIgnored() {
		assertThat(RetryAfter.parse("120", this.clock)).isEqualTo(Duration.ofMinutes(2));
		assertThat(RetryAfter.parse(" 0 ", this.clock)).isZero();
		assertThat(RetryAfter.parse("Fri, 04 Dec 2026 20:00:30 GMT", this.clock)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("Fri, 04 Dec 2026 19:00:00 GMT", this.clock)).as("a date past").isZero();
		assertThat(RetryAfter.parse("-5", this.clock)).isZero();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse("", this.clock)).isNull();
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
	}

}
