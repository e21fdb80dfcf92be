package dev.herald.device.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code herald.device.*} meters: messages published (by kind), folded behind the pacing
 * interval, held by quiet hours, and the time from the source event to the publish.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry registry;

	private final Counter folded;

	private final Counter held;

	private final Timer latency;

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

	void latency(Duration sinceEvent) {
		if (!sinceEvent.isNegative()) {
			this.latency.record(sinceEvent);
		}
	}

}
