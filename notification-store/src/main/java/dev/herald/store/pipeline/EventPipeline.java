package dev.herald.store.pipeline;

import java.util.List;

import dev.herald.schema.SocialEvent;
import dev.herald.support.kafka.InvalidRecordException;
import dev.herald.support.kafka.KafkaFactories;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of records in one transaction. Records before the first undecodable or
 * invalid one are committed; that one is reported as failed, so the error handler
 * dead-letters it, commits its offset and redelivers the rest.
 */
@Service
class EventPipeline {

	private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(EventPipeline.class);

	private final TransactionTemplate transactions;

	private final BatchProcessor processor;

	private final PipelineMetrics metrics;

	private final int attempts;

	EventPipeline(TransactionTemplate transactions, BatchProcessor processor, PipelineMetrics metrics,
			PipelineProperties properties) {
		this.transactions = transactions;
		this.processor = processor;
		this.metrics = metrics;
		this.attempts = Math.max(1, properties.transactionAttempts());
	}

	void accept(List<ConsumerRecord<String, SocialEvent>> records) {
		for (int index = 0; index < records.size(); index++) {
			RuntimeException failure = failure(records.get(index), index);
			if (failure != null) {
				commit(records.subList(0, index));
				throw failure;
			}
		}
		commit(records);
	}

	private void commit(List<ConsumerRecord<String, SocialEvent>> records) {
		if (!records.isEmpty()) {
			List<SocialEvent> events = records.stream().map(ConsumerRecord::value).toList();
			this.metrics.timeBatch(events.size(), () -> commitWithRetry(events));
		}
	}

	private void commitWithRetry(List<SocialEvent> events) {
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> this.processor.apply(events));
				return;
			}
			catch (TransientDataAccessException ex) {
				if (attempt >= this.attempts) {
					throw ex;
				}
				log.warn("Batch of {} events lost a lock race (attempt {}), retrying: {}", events.size(), attempt,
						ex.getMessage());
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

}
