package dev.herald.store.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.herald.schema.SocialEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code herald.store.pipeline.*}: batches (size, commit time), applied changes by kind,
 * dropped events by reason. Drops are also tallied per batch on the consumer thread, for
 * {@link DropCounts}.
 */
@Component
class PipelineMetrics {

	private final MeterRegistry registry;

	private final Timer batchTimer;

	private final DistributionSummary batchSize;

	private final Timer lag;

	private final ThreadLocal<Map<DropReason, Integer>> batchDrops = ThreadLocal.withInitial(DropCounts::tally);

	PipelineMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.batchTimer = Timer.builder("herald.store.pipeline.batch")
			.description("Time to apply and commit one batch of social events")
			.publishPercentiles(0.5, 0.99)
			.publishPercentileHistogram()
			.register(registry);
		this.batchSize = DistributionSummary.builder("herald.store.pipeline.batch.size")
			.description("Social events per batch")
			.register(registry);
		this.lag = Timer.builder("herald.store.pipeline.lag")
			.description("From an event's record timestamp on social.events.v1 to its batch's commit")
			.publishPercentileHistogram()
			.register(registry);
	}

	/** Records, for each committed record, how long after its record timestamp. */
	void committed(List<ConsumerRecord<String, SocialEvent>> records) {
		long now = System.currentTimeMillis();
		for (ConsumerRecord<String, SocialEvent> record : records) {
			this.lag.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
		}
	}

	void timeBatch(int size, Runnable batch) {
		this.batchSize.record(size);
		this.batchTimer.record(batch);
	}

	void dropped(DropReason reason) {
		Counter.builder("herald.store.pipeline.dropped")
			.description("Social events that made no notification, by reason")
			.tag("reason", reason.tag())
			.register(this.registry)
			.increment();
		this.batchDrops.get().merge(reason, 1, Integer::sum);
	}

	/** The drops counted on this thread since the last call. */
	Map<DropReason, Integer> takeBatchDrops() {
		Map<DropReason, Integer> drops = this.batchDrops.get();
		this.batchDrops.set(DropCounts.tally());
		return drops;
	}

	void applied(String outcome) {
		Counter.builder("herald.store.pipeline.applied")
			.description("Social events applied, by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
