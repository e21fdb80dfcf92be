package dev.herald.push;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The gateway's meters ({@code herald.push.*}); gauges of open connections live with the
 * session registry.
 */
@Component
public class GatewayMetrics {

	private final MeterRegistry registry;

	private final Counter deliveries;

	private final Timer latency;

	private final Timer written;

	private final DistributionSummary sessionsPerUser;

	private final Counter gaps;

	public GatewayMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.deliveries = Counter.builder("herald.push.deliveries")
			.description("Change frames written to sessions")
			.register(registry);
		this.latency = Timer.builder("herald.push.latency")
			.description("From the source event (occurredAt) to the frame written to the socket")
			.publishPercentileHistogram()
			.register(registry);
		this.written = Timer.builder("herald.push.written.latency")
			.description("From the change's publication on notifications.v1 (the record's timestamp) "
					+ "to its frame written to the socket")
			.publishPercentileHistogram()
			.publishPercentiles(0.5, 0.95, 0.99, 0.999)
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry);
		this.sessionsPerUser = DistributionSummary.builder("herald.push.sessions.per.user")
			.description("Sessions the user holds on this instance, recorded when one opens")
			.register(registry);
		this.gaps = Counter.builder("herald.push.feed.gaps")
			.description("Live changes whose seq skipped one the session had not had, each answered by a catch-up "
					+ "from the store; a steady rate means notifications.v1 loses or reorders changes")
			.register(registry);
	}

	/** A live change revealed a gap in its session's seqs. */
	public void gap() {
		this.gaps.increment();
	}

	public MeterRegistry registry() {
		return this.registry;
	}

	/**
	 * A live change frame was written; {@code occurredAt} is the source event's time,
	 * {@code publishedAtMillis} when the change was published on {@code notifications.v1}
	 * (-1 if unknown).
	 */
	public void delivered(Instant occurredAt, long publishedAtMillis) {
		this.deliveries.increment();
		Instant now = Instant.now();
		this.latency.record(Duration.between(occurredAt, now).abs());
		if (publishedAtMillis >= 0) {
			// the record's timestamp has whole milliseconds: so does this figure
			this.written.record(Duration.ofMillis(Math.max(0, now.toEpochMilli() - publishedAtMillis)));
		}
	}

	/** A resumed (historical) change frame was written. */
	public void replayed() {
		this.deliveries.increment();
	}

	public void sessionOpened(int sessionsOfUser) {
		this.sessionsPerUser.record(sessionsOfUser);
	}

	public void closed(String reason) {
		this.registry.counter("herald.push.disconnects", "reason", reason).increment();
	}

	public void resumed(String outcome) {
		this.registry.counter("herald.push.resumes", "outcome", outcome).increment();
	}

	/**
	 * A connection authenticated (outcome {@code ok}) or was refused after its upgrade;
	 * {@code method} is {@code header}, {@code query} (deprecated) or {@code frame}.
	 */
	public void authenticated(String method, String outcome) {
		this.registry.counter("herald.push.authentications", "method", method, "outcome", outcome).increment();
	}

	public void rejected(String reason) {
		this.registry.counter("herald.push.handshakes.rejected", "reason", reason).increment();
	}

	public void inboundDropped(String reason) {
		this.registry.counter("herald.push.inbound.dropped", "reason", reason).increment();
	}

	public void undecodable() {
		this.registry.counter("herald.push.feed.undecodable").increment();
	}

}
