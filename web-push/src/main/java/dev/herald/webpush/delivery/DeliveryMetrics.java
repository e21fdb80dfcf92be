package dev.herald.webpush.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code herald.webpush.pushes{outcome}}: messages per push-service answer;
 * {@code herald.webpush.skipped{reason}}: sends left out because the subscription had the
 * change already (a redelivery) or is newer than it;
 * {@code herald.webpush.delivery.latency}: source event to the push service's 201.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry registry;

	private final Timer latency;

	DeliveryMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.latency = Timer.builder("herald.webpush.delivery.latency")
			.description("From the source event to the push service accepting the message")
			.publishPercentileHistogram()
			.register(registry);
	}

	void outcome(PushOutcome outcome) {
		Counter.builder("herald.webpush.pushes")
			.tag("outcome", outcome.name().toLowerCase())
			.register(this.registry)
			.increment();
	}

	void skipped(String reason) {
		Counter.builder("herald.webpush.skipped").tag("reason", reason).register(this.registry).increment();
	}

	void latency(Duration latency) {
		this.latency.record(latency);
	}

}
