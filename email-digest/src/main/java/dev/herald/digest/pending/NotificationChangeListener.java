package dev.herald.digest.pending;

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
 * Consumes {@code notifications.v1}, one transaction per poll: new and grown
 * notifications become pending items, read and deleted ones leave. The changes before the
 * first undecodable or invalid one are committed; that one is reported as failed, so the
 * error handler dead-letters it, commits its offset and redelivers the rest. A poll that
 * fails for any other reason than an outage is applied again one change per transaction,
 * so the change that fails is the only one reported (and, after its retries,
 * dead-lettered). A database outage is reported at the first change not committed: the
 * shared error handler then tries again from there until the database is back, and
 * dead-letters nothing.
 */
@Component
class NotificationChangeListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationChangeListener.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(NotificationChangeListener.class);

	private final PendingChanges changes;

	NotificationChangeListener(PendingChanges changes) {
		this.changes = changes;
	}

	@KafkaListener(id = "digest-notifications", idIsGroup = false,
			topics = "#{T(dev.herald.schema.topic.Topics).NOTIFICATIONS.name()}",
			containerFactory = "notificationsListenerFactory")
	void on(List<ConsumerRecord<String, NotificationChange>> records) {
		for (int index = 0; index < records.size(); index++) {
			RuntimeException failure = failure(records.get(index), index);
			if (failure != null) {
				commitOrIsolate(records.subList(0, index));
				throw failure;
			}
		}
		commitOrIsolate(records);
	}

	private void commitOrIsolate(List<ConsumerRecord<String, NotificationChange>> records) {
		try {
			commit(records, 0);
		}
		catch (BatchListenerFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			log.warn("Batch of {} changes failed ({}); applying them one by one to find the one that fails",
					records.size(), ex.toString());
			isolate(records);
		}
	}

	/**
	 * Commits each change alone until one fails; reports that one, at its index, with its
	 * cause. The error handler then commits the offsets before it and redelivers the
	 * rest.
	 */
	private void isolate(List<ConsumerRecord<String, NotificationChange>> records) {
		for (int index = 0; index < records.size(); index++) {
			ConsumerRecord<String, NotificationChange> record = records.get(index);
			try {
				commit(List.of(record), index);
			}
			catch (BatchListenerFailedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				log.warn("Change {} of {} at {}-{}@{} failed: {}", record.value().getSeq(), record.key(),
						record.topic(), record.partition(), record.offset(), ex.toString(), ex);
				throw new BatchListenerFailedException("Change " + record.value().getSeq() + " of " + record.key()
						+ " failed at offset " + record.offset() + ": " + ex.getMessage(), ex, index);
			}
		}
	}

	/**
	 * Commits the changes in one transaction. When the database is away, reports the
	 * first of them (at {@code index} of the poll) so the error handler retries from
	 * there without end.
	 */
	private void commit(List<ConsumerRecord<String, NotificationChange>> records, int index) {
		if (records.isEmpty()) {
			return;
		}
		try {
			this.changes.applyAll(records);
			log.debug("Applied {} changes up to {}-{}@{}", records.size(), records.getLast().topic(),
					records.getLast().partition(), records.getLast().offset());
		}
		catch (RuntimeException ex) {
			if (OutageClassifier.anyOutage(ex, List.of(OutageClassifier.DATABASE))) {
				throw new BatchListenerFailedException(
						"Database failing at offset " + records.getFirst().offset() + ": " + ex.getMessage(), ex,
						index);
			}
			throw ex;
		}
	}

	private static RuntimeException failure(ConsumerRecord<String, NotificationChange> record, int index) {
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
			log.debug("Ignored empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
			return null;
		}
		try {
			PendingChanges.validate(record.key(), record.value());
			return null;
		}
		catch (InvalidRecordException ex) {
			return new BatchListenerFailedException("Invalid change at offset " + record.offset(), ex, index);
		}
	}

}
