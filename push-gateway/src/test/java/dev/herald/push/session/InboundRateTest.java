package dev.herald.push.session;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboundRateTest {

	@Test
	void allowsABurstThenTheSustainedRate() {
		InboundRate rate = new InboundRate(2, 3, 0);

		long allowedAtOnce = IntStream.range(0, 10).filter((i) -> rate.tryAcquire(0)).count();

		assertThat(allowedAtOnce).isEqualTo(3);
		assertThat(rate.tryAcquire(TimeUnit.MILLISECONDS.toNanos(400))).isFalse();
		assertThat(rate.tryAcquire(TimeUnit.MILLISECONDS.toNanos(500))).isTrue();
		assertThat(rate.tryAcquire(TimeUnit.MILLISECONDS.toNanos(500))).isFalse();
	}

	@Test
	void neverSavesMoreThanTheBurst() {
		InboundRate rate = new InboundRate(10, 2, 0);

		long allowed = IntStream.range(0, 5).filter((i) -> rate.tryAcquire(TimeUnit.HOURS.toNanos(1))).count();

		assertThat(allowed).isEqualTo(2);
	}

}
