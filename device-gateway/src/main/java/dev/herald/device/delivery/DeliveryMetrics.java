package dev.herald.device.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code herald.device.*} meters: messages published (by kind), folded behind the pacing
 * interval, held by quiet hours, the time from the source event to the publish, and the
 * changes applied per transaction.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry registry;

	private final Counter folded;

	private final Counter held;

	private final Timer latency;

	private final DistributionSummary batchSize;

	DeliveryMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.folded = Counter.builder("herald.device.folded")
			.description("Notifications folded into a summary by pacing")
			.register(registry);
		this.held = Counter.builder("herald.device.held")
			.description("Notifications held by quiet hours")
			.register(registry);
		this.latency = Timer.builder("herald.device.delivery.latency")
			.description("From the source event to the broker's acknowledgement")
			.publishPercentileHistogram()
			.register(registry);
		this.batchSize = DistributionSummary.builder("herald.device.batch.size")
			.description("Notification changes applied in one database transaction (one poll)")
			.baseUnit("changes")
			.register(registry);
	}

	void published(String kind) {
		Counter.builder("herald.device.published")
			.description("Messages the broker acknowledged")
			.tag("kind", kind)
			.register(this.registry)
			.increment();
	}

	void folded() {
		this.folded.increment();
	}

	void held() {
		this.held.increment();
	}

	/** A transaction that applied {@code changes} changes committed. */
	void batch(int changes) {
		this.batchSize.record(changes);
	}

	void latency(Duration sinceEvent) {
		if (!sinceEvent.isNegative()) {
			this.latency.record(sinceEvent);
		}
	}

}
