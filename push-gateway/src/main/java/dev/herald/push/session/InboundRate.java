package dev.herald.push.session;

/**
 * A token bucket for one session's client messages: {@code perSecond} sustained, bursts
 * up to {@code burst}. Two numbers of state per session.
 */
final class InboundRate {

	private final double perNano;

	private final int burst;

	private double tokens;

	private long refilledAt;

	InboundRate(int perSecond, int burst, long nowNanos) {
		this.perNano = perSecond / 1e9;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = nowNanos;
	}

	/** Takes one token; {@code false} when the client is over its rate. */
	synchronized boolean tryAcquire(long nowNanos) {
		this.tokens = Math.min(this.burst, this.tokens + (nowNanos - this.refilledAt) * this.perNano);
		this.refilledAt = nowNanos;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
