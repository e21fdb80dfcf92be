package dev.herald.push.feed;

import java.time.Duration;
import java.util.List;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.session.SessionRegistry;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaClientMetricsBinder;
import dev.herald.support.kafka.KafkaFactories;
import dev.herald.support.tracing.TraceContexts;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads {@code notifications.v1} on one thread: assigns every partition, seeks to the
 * end, and delivers each change to the sessions of its user. Nothing is committed: a
 * restarted gateway starts at the end again and clients resume through the store.
 */
@Component
public class NotificationsListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationsListener.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final ConsumerFactory<String, NotificationChange> consumers;

	private final SessionRegistry registry;

	private final GatewayMetrics metrics;

	private final TraceContexts traces;

	private volatile Consumer<String, NotificationChange> consumer;

	private volatile Thread thread;

	private volatile boolean ready;

	NotificationsListener(KafkaProperties kafka, SessionRegistry registry, GatewayMetrics metrics,
			KafkaClientMetricsBinder clientMetrics, TraceContexts traces) {
		this.consumers = KafkaFactories.consumerFactory(kafka, Topics.NOTIFICATIONS);
		clientMetrics.bind(this.consumers);
		this.registry = registry;
		this.metrics = metrics;
		this.traces = traces;
	}

	/** Whether every partition is assigned and positioned at its end. */
	public boolean isReady() {
		return this.ready;
	}

	@Override
	public void start() {
		this.consumer = this.consumers.createConsumer(null, "herald-push", null);
		this.thread = Thread.ofPlatform().name("notifications-feed").daemon().start(this::run);
	}

	@Override
	public void stop() {
		this.consumer.wakeup();
		this.thread.interrupt();
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		try (Consumer<String, NotificationChange> feed = this.consumer) {
			assignAll(feed);
			while (!Thread.currentThread().isInterrupted()) {
				feed.poll(POLL).forEach(this::on);
			}
		}
		catch (WakeupException ex) {
			log.debug("Feed stopped");
		}
		catch (RuntimeException ex) {
			log.error("Feed of {} failed: {}", Topics.NOTIFICATIONS.name(), ex.toString(), ex);
		}
		finally {
			this.ready = false;
		}
	}

	private void assignAll(Consumer<String, NotificationChange> feed) {
		List<TopicPartition> partitions = List.of();
		while (partitions.isEmpty()) {
			partitions = feed.partitionsFor(Topics.NOTIFICATIONS.name(), Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
		}
		feed.assign(partitions);
		feed.seekToEnd(partitions);
		partitions.forEach(feed::position);
		this.ready = true;
		log.info("Reading {} partitions of {} from their end", partitions.size(), Topics.NOTIFICATIONS.name());
	}

	private void on(ConsumerRecord<String, NotificationChange> record) {
		if (KafkaFactories.failedToDeserialize(record) || record.value() == null) {
			this.metrics.undecodable();
			log.warn("Skipped an undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
			return;
		}
		// the frames are written in the trace of the change (the relay's traceparent)
		try (TraceContexts.Scope span = this.traces.continueTrace("herald.push.frame", Span.Kind.CONSUMER,
				TraceContexts.traceParent(record.headers()))) {
			this.registry.deliver(record.value(), record.timestamp());
		}
	}

}
