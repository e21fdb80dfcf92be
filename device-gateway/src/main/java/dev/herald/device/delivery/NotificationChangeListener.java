package dev.herald.device.delivery;

import java.util.List;

import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import dev.herald.support.kafka.KafkaFactories;
import dev.herald.support.kafka.OutageClassifier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Reads {@code notifications.v1} a poll at a time and applies the poll's changes in one
 * transaction ({@link DeliveryService#apply}). The offsets are committed only after that
 * transaction committed, that is after the broker acknowledged every publish.
 * <p>
 * Failures are reported by index ({@link BatchListenerFailedException}), so the shared
 * error handler acts on the one record that failed:
 * <ul>
 * <li>an undecodable, tombstone or invalid change: the changes before it are applied, it
 * is dead-lettered, the rest comes again;</li>
 * <li>an outage (broker or database away, see the {@link OutageClassifier} beans): the
 * poll is reported failed at its first record, which the error handler tries again
 * without end and never dead-letters;</li>
 * <li>any other failure: the poll is applied again one change per transaction, so that
 * only the change that fails is retried and, after its retries, dead-lettered.</li>
 * </ul>
 */
@Component
class NotificationChangeListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationChangeListener.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(NotificationChangeListener.class);

	private final DeliveryService delivery;

	private final DeliveryMetrics metrics;

	private final List<OutageClassifier> outages;

	NotificationChangeListener(DeliveryService delivery, DeliveryMetrics metrics, List<OutageClassifier> outages) {
		this.delivery = delivery;
		this.metrics = metrics;
		this.outages = outages;
	}

	@KafkaListener(id = "device-notifications", idIsGroup = false, topics = "notifications.v1",
			containerFactory = "notificationsListenerFactory")
	void on(List<ConsumerRecord<String, NotificationChange>> records) {
		log.debug("Poll of {} changes", records.size());
		for (int index = 0; index < records.size(); index++) {
			BatchListenerFailedException failure = failure(records.get(index), index);
			if (failure != null) {
				applyOrIsolate(records.subList(0, index));
				throw failure;
			}
		}
		applyOrIsolate(records);
	}

	private void applyOrIsolate(List<ConsumerRecord<String, NotificationChange>> records) {
		if (records.isEmpty()) {
			return;
		}
		try {
			apply(records);
		}
		catch (RuntimeException ex) {
			if (OutageClassifier.anyOutage(ex, this.outages)) {
				throw new BatchListenerFailedException("Poll of " + records.size()
						+ " changes failed for an outage at offset " + records.get(0).offset(), ex, records.get(0));
			}
			log.warn("Poll of {} changes failed ({}); applying them one by one to find the one that fails",
					records.size(), ex.toString());
			isolate(records);
		}
	}

	/**
	 * Applies each change in its own transaction until one fails, and reports that one
	 * with its cause; the error handler then commits the offsets before it and tries it
	 * again (or dead-letters it) and redelivers the rest.
	 */
	private void isolate(List<ConsumerRecord<String, NotificationChange>> records) {
		for (ConsumerRecord<String, NotificationChange> record : records) {
			try {
				apply(List.of(record));
			}
			catch (RuntimeException ex) {
				NotificationChange change = record.value();
				log.warn("Change {} of user {} at {}-{}@{} failed: {}", change.getSeq(), change.getUserId(),
						record.topic(), record.partition(), record.offset(), ex.toString(), ex);
				throw new BatchListenerFailedException("Change " + change.getSeq() + " of user " + change.getUserId()
						+ " failed at offset " + record.offset() + ": " + ex.getMessage(), ex, record);
			}
		}
	}

	private void apply(List<ConsumerRecord<String, NotificationChange>> records) {
		this.delivery.apply(records.stream().map(ConsumerRecord::value).toList());
		this.metrics.batch(records.size());
	}

	private static BatchListenerFailedException failure(ConsumerRecord<String, NotificationChange> record, int index) {
		if (KafkaFactories.failedToDeserialize(record)) {
			Exception cause = SerializationUtils.getExceptionFromHeader(record,
					SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
			if (cause == null) {
				cause = SerializationUtils.getExceptionFromHeader(record,
						SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
			}
			return new BatchListenerFailedException("Undecodable record at offset " + record.offset(), cause, index);
		}
		if (record.value() == null) {
			return new BatchListenerFailedException("Tombstone at offset " + record.offset(),
					new InvalidRecordException("value: a notification change is required, got a tombstone"), index);
		}
		try {
			DeliveryService.validate(record.value());
			return null;
		}
		catch (InvalidRecordException ex) {
			return new BatchListenerFailedException("Invalid change at offset " + record.offset(), ex, index);
		}
	}

}
