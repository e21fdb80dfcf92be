package dev.herald.ingest;

import java.time.Duration;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The service's meters: {@code herald.ingest.events.accepted{kind}},
 * {@code herald.ingest.events.dropped{reason}}, {@code herald.ingest.events.duplicate},
 * {@code herald.ingest.requests.rejected{reason}}, the
 * {@code herald.ingest.requests.in-flight} gauge (see {@link #inFlight}) and the
 * {@code herald.ingest.publish.latency{outcome}} histogram.
 */
@Component
public class IngestMetrics {

	private final MeterRegistry registry;

	private final Counter duplicates;

	public IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.duplicates = Counter.builder("herald.ingest.events.duplicate")
			.description("Events answered from the idempotency record instead of being published again")
			.register(registry);
	}

	public void accepted(String kind) {
		this.registry.counter("herald.ingest.events.accepted", "kind", kind).increment();
	}

	public void dropped(String reason) {
		this.registry.counter("herald.ingest.events.dropped", "reason", reason).increment();
	}

	public void duplicate() {
		this.duplicates.increment();
	}

	/** A request refused as a whole; {@code reason} is a short fixed word. */
	public void rejected(String reason) {
		this.registry.counter("herald.ingest.requests.rejected", "reason", reason).increment();
	}

	/** Reports the requests being handled at once, read from {@code requests}. */
	public void inFlight(IntSupplier requests) {
		Gauge.builder("herald.ingest.requests.in-flight", requests::getAsInt)
			.description("Requests on /v1 being handled at once (herald.ingest.in-flight.max-requests bounds them)")
			.register(this.registry);
	}

	public void published(Duration latency, boolean acknowledged) {
		Timer.builder("herald.ingest.publish.latency")
			.description("From the first send to Kafka's acknowledgement of a request's records")
			.tag("outcome", acknowledged ? "acked" : "failed")
			.publishPercentileHistogram()
			.register(this.registry)
			.record(latency);
	}

}
