package dev.herald.digest;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The service's own meters: {@code herald.digest.sent{kind}},
 * {@code herald.digest.failed{reason}}, {@code herald.digest.retries},
 * {@code herald.digest.batch.size} (notification changes applied per transaction) and the
 * gauge {@code herald.digest.pending.users}.
 */
@Component
public class DigestMetrics {

	private final MeterRegistry registry;

	private final Counter retries;

	private final DistributionSummary batchSize;

	private final AtomicLong pendingUsers = new AtomicLong();

	DigestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.retries = Counter.builder("herald.digest.retries")
			.description("SMTP attempts repeated after a temporary failure")
			.register(registry);
		this.batchSize = DistributionSummary.builder("herald.digest.batch.size")
			.description("Notification changes applied in one transaction")
			.baseUnit("changes")
			.register(registry);
		registry.gauge("herald.digest.pending.users", this.pendingUsers);
	}

	public void sent(String kind) {
		Counter.builder("herald.digest.sent")
			.description("E-mails the SMTP server accepted")
			.tag("kind", kind)
			.register(this.registry)
			.increment();
	}

	/**
	 * @param reason {@code permanent}, {@code retries_exhausted}, {@code unknown} or
	 * {@code abandoned}
	 */
	public void failed(String reason) {
		Counter.builder("herald.digest.failed")
			.description("E-mails not (known to be) delivered")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	public void retried() {
		this.retries.increment();
	}

	/**
	 * One transaction applied this many notification changes.
	 * @param changes the records of the transaction
	 */
	public void batchApplied(int changes) {
		this.batchSize.record(changes);
	}

	public void pendingUsers(long count) {
		this.pendingUsers.set(count);
	}

}
