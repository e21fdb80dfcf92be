package dev.herald.device.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.herald.device.Changes;
import dev.herald.device.mqtt.BrokerUnavailableException;
import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.OutageClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a poll's failure is narrowed down to one record, without Kafka or a database.
 */
class NotificationChangeListenerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<ConsumerRecord<String, NotificationChange>> poll = List.of(record(0, "u-a", 1, 1),
			record(1, "u-b", 1, 1), record(2, "u-a", 2, 2));

	@Test
	void aPollIsAppliedInOneTransaction() {
		RecordingDelivery delivery = new RecordingDelivery((change) -> false, null);

		listener(delivery).on(this.poll);

		assertThat(delivery.transactions).containsExactly(List.of(1L, 1L, 2L));
		assertThat(this.meters.get("herald.device.batch.size").summary().totalAmount()).isEqualTo(3);
		assertThat(this.meters.get("herald.device.batch.size").summary().count()).isOne();
	}

	@Test
	void anUnexpectedFailureIsNarrowedDownToTheRecordThatFails() {
		RecordingDelivery delivery = new RecordingDelivery((change) -> change.getUserId().equals("u-b"),
				new DataIntegrityViolationException("value too long"));

		assertThatExceptionOfType(BatchListenerFailedException.class).isThrownBy(() -> listener(delivery).on(this.poll))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(this.poll.get(1)))
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(delivery.committed).containsExactly(List.of(1L));
	}

	@Test
	void anOutageFailsThePollAtItsFirstRecordWithoutApplyingItRecordByRecord() {
		RecordingDelivery delivery = new RecordingDelivery((change) -> change.getUserId().equals("u-b"),
				new BrokerUnavailableException("Not connected", null));

		assertThatExceptionOfType(BatchListenerFailedException.class).isThrownBy(() -> listener(delivery).on(this.poll))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(this.poll.get(0)));
		assertThat(delivery.transactions).hasSize(1);
		assertThat(delivery.committed).isEmpty();
	}

	@Test
	void anInvalidChangeIsReportedAtItsIndexAfterTheChangesBeforeItWereApplied() {
		RecordingDelivery delivery = new RecordingDelivery((change) -> false, null);
		List<ConsumerRecord<String, NotificationChange>> withPoison = List.of(this.poll.get(0), this.poll.get(1),
				record(2, "u-a", 2, -1), record(3, "u-a", 3, 1));

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> listener(delivery).on(withPoison))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(2));
		assertThat(delivery.committed).containsExactly(List.of(1L, 1L));
	}

	private NotificationChangeListener listener(DeliveryService delivery) {
		OutageClassifier broker = (cause) -> cause instanceof BrokerUnavailableException;
		return new NotificationChangeListener(delivery, new DeliveryMetrics(this.meters),
				List.of(OutageClassifier.DATABASE, broker));
	}

	private static ConsumerRecord<String, NotificationChange> record(long offset, String userId, long seq,
			int unreadCount) {
		return new ConsumerRecord<>("notifications.v1", 0, offset, userId,
				Changes.created(userId, seq, "n-" + offset, unreadCount));
	}

	/**
	 * Records each transaction's seqs, and fails one whose changes include one that
	 * {@code fails} matches.
	 */
	private static final class RecordingDelivery extends DeliveryService {

		private final Predicate<NotificationChange> fails;

		private final RuntimeException failure;

		private final List<List<Long>> transactions = new ArrayList<>();

		private final List<List<Long>> committed = new ArrayList<>();

		RecordingDelivery(Predicate<NotificationChange> fails, RuntimeException failure) {
			super(null, null, null, null, null, null, null, null, null);
			this.fails = fails;
			this.failure = failure;
		}

		@Override
		public void apply(List<NotificationChange> changes) {
			List<Long> seqs = changes.stream().map(NotificationChange::getSeq).toList();
			this.transactions.add(seqs);
			if (changes.stream().anyMatch(this.fails)) {
				throw this.failure;
			}
			this.committed.add(seqs);
		}

	}

}
