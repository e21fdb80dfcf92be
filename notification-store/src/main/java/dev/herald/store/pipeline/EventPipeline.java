package dev.herald.store.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.herald.schema.SocialEvent;
import dev.herald.support.kafka.InvalidRecordException;
import dev.herald.support.kafka.KafkaFactories;
import dev.herald.support.kafka.OutageClassifier;
import dev.herald.support.tracing.TraceContexts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of records in one transaction. Records before the first undecodable or
 * invalid one are committed; that one is reported as failed, so the error handler
 * dead-letters it, commits its offset and redelivers the rest. A batch that fails for any
 * other reason than an outage is applied again one record per transaction, so that the
 * record that fails is the only one reported (and after its retries dead-lettered) and
 * every other record of the batch is stored.
 */
@Service
class EventPipeline {

	private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(EventPipeline.class);

	private static final Duration FIRST_BACK_OFF = Duration.ofMillis(100);

	private static final Duration MAX_BACK_OFF = Duration.ofSeconds(5);

	private final TransactionTemplate transactions;

	private final BatchProcessor processor;

	private final PipelineMetrics metrics;

	private final PipelineProperties properties;

	private final DropCounts dropCounts;

	EventPipeline(TransactionTemplate transactions, BatchProcessor processor, PipelineMetrics metrics,
			PipelineProperties properties, DropCounts dropCounts) {
		this.transactions = transactions;
		this.processor = processor;
		this.metrics = metrics;
		this.properties = properties;
		this.dropCounts = dropCounts;
	}

	void accept(List<ConsumerRecord<String, SocialEvent>> records) {
		for (int index = 0; index < records.size(); index++) {
			RuntimeException failure = failure(records.get(index), index);
			if (failure != null) {
				commitOrIsolate(records.subList(0, index));
				throw failure;
			}
		}
		commitOrIsolate(records);
	}

	private void commitOrIsolate(List<ConsumerRecord<String, SocialEvent>> records) {
		try {
			commit(records);
		}
		catch (BatchListenerFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			log.warn("Batch of {} events failed ({}); applying them one by one to find the one that fails",
					records.size(), ex.toString());
			isolate(records);
		}
	}

	/**
	 * Commits each record alone until one fails; reports that one, at its index, with its
	 * cause. The error handler then commits the offsets before it and redelivers the
	 * rest.
	 */
	private void isolate(List<ConsumerRecord<String, SocialEvent>> records) {
		for (int index = 0; index < records.size(); index++) {
			ConsumerRecord<String, SocialEvent> record = records.get(index);
			try {
				commit(List.of(record));
			}
			catch (BatchListenerFailedException ex) {
				throw new BatchListenerFailedException(ex.getMessage(), ex.getCause(), index);
			}
			catch (RuntimeException ex) {
				log.warn("Event {} at {}-{}@{} failed: {}", record.value().getEventId(), record.topic(),
						record.partition(), record.offset(), ex.toString(), ex);
				throw new BatchListenerFailedException("Event " + record.value().getEventId() + " failed at offset "
						+ record.offset() + ": " + ex.getMessage(), ex, index);
			}
		}
	}

	/**
	 * Commits the records, or throws a failure of the first one when the database is
	 * still away after the patience: the shared error handler then tries the batch again
	 * from there for as long as the outage lasts, re-polling in between so the consumer
	 * keeps its partitions, and dead-letters nothing (see {@code OutageClassifier}).
	 */
	private void commit(List<ConsumerRecord<String, SocialEvent>> records) {
		if (!records.isEmpty()) {
			List<SocialEvent> events = records.stream().map(ConsumerRecord::value).toList();
			Map<String, String> traceParents = traceParents(records);
			try {
				this.metrics.timeBatch(events.size(), () -> commitWithRetry(events, traceParents));
				this.metrics.committed(records);
			}
			catch (RuntimeException ex) {
				if (OutageClassifier.anyOutage(ex, List.of(OutageClassifier.DATABASE))) {
					throw new BatchListenerFailedException("Database still failing after "
							+ this.properties.databasePatience() + " at offset " + records.get(0).offset(), ex, 0);
				}
				throw ex;
			}
		}
	}

	/**
	 * Commits the batch, retrying deadlocks and database outages with a growing back-off
	 * for up to the configured patience. The consumer thread deliberately waits: the
	 * partition must not move on (or dead-letter good events) while PostgreSQL is away. A
	 * failed commit may have committed: the retry then finds every event id claimed.
	 */
	private void commitWithRetry(List<SocialEvent> events, Map<String, String> traceParents) {
		long deadline = System.nanoTime() + this.properties.databasePatience().toNanos();
		Duration backOff = FIRST_BACK_OFF;
		while (true) {
			try {
				this.metrics.takeBatchDrops();
				this.transactions.executeWithoutResult((status) -> this.processor.apply(events, traceParents));
				this.dropCounts.add(this.metrics.takeBatchDrops());
				return;
			}
			catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException
					| TransactionSystemException ex) {
				if (System.nanoTime() + backOff.toNanos() > deadline || Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				log.warn("Batch of {} events failed on the database, retrying in {}: {}", events.size(), backOff,
						ex.getMessage());
				LockSupport.parkNanos(backOff.toNanos());
				backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) < 0 ? backOff.multipliedBy(2) : MAX_BACK_OFF;
			}
		}
	}

	private static RuntimeException failure(ConsumerRecord<String, SocialEvent> record, int index) {
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
					new InvalidRecordException("value: a social event is required, got a tombstone"), index);
		}
		return EventValidator.problem(record.value())
			.map((problem) -> new BatchListenerFailedException("Invalid event at offset " + record.offset(),
					new InvalidRecordException(problem), index))
			.orElse(null);
	}

	/**
	 * Each event's {@code traceparent} header by event id, for the spans of the batch.
	 */
	private static Map<String, String> traceParents(List<ConsumerRecord<String, SocialEvent>> records) {
		Map<String, String> traceParents = new HashMap<>();
		for (ConsumerRecord<String, SocialEvent> record : records) {
			String traceParent = TraceContexts.traceParent(record.headers());
			if (traceParent != null) {
				traceParents.putIfAbsent(record.value().getEventId(), traceParent);
			}
		}
		return traceParents;
	}

}
