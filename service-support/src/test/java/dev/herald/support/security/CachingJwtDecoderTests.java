package dev.herald.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTests {

	private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

	private final MutableClock clock = new MutableClock(this.now);

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void aTokenSentAgainIsNotVerifiedAgain() {
		JwtDecoder decoder = new CachingJwtDecoder(counting(this.now.plusSeconds(3600)), 10, Duration.ofMinutes(5),
				this.clock);

		assertThat(decoder.decode("t1").getSubject()).isEqualTo("t1");
		assertThat(decoder.decode("t1").getSubject()).isEqualTo("t1");
		assertThat(decoder.decode("t2").getSubject()).isEqualTo("t2");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aKeptTokenWhoseExpiryPassedIsVerifiedAgain() {
		JwtDecoder decoder = new CachingJwtDecoder(counting(this.now.plusSeconds(30)), 10, Duration.ofMinutes(5),
				this.clock);
		decoder.decode("t1");

		this.clock.set(this.now.plusSeconds(31));
		decoder.decode("t1");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenThatFailsIsNotKept() {
		JwtDecoder failing = (token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		};
		JwtDecoder decoder = new CachingJwtDecoder(failing, 10, Duration.ofMinutes(5), this.clock);

		assertThatThrownBy(() -> decoder.decode("t1")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> decoder.decode("t1")).isInstanceOf(BadJwtException.class);
		assertThat(this.verifications).hasValue(2);
	}

	private JwtDecoder counting(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "HS256")
				.subject(token)
				.issuedAt(this.now)
				.expiresAt(expiresAt)
				.build();
		};
	}

	private static final class MutableClock extends Clock {

		private volatile Instant instant;

		MutableClock(Instant instant) {
			this.instant = instant;
		}

		void set(Instant instant) {
			this.instant = instant;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
