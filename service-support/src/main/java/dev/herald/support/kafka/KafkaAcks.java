package dev.herald.support.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for the broker's acknowledgements of sends, for writers that may move on (mark
 * rows published, advance a cursor, answer 202) only once every record is durable.
 */
public final class KafkaAcks {

	private KafkaAcks() {
	}

	/**
	 * Waits until every send is acknowledged, at most {@code timeout}.
	 * @param sends the futures {@code KafkaTemplate.send} returned
	 * @param timeout how long to wait for all of them
	 * @throws UnacknowledgedException when one failed, the time ran out or the thread was
	 * interrupted (its interrupt flag is then set again)
	 */
	public static void await(Collection<? extends CompletableFuture<?>> sends, Duration timeout) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnacknowledgedException("interrupted while waiting for Kafka", ex);
		}
		catch (ExecutionException ex) {
			throw new UnacknowledgedException("Kafka refused a record: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new UnacknowledgedException("Kafka did not acknowledge within " + timeout, ex);
		}
	}

	/** Some record may not be durable: the writer must not move on. */
	public static final class UnacknowledgedException extends RuntimeException {

		UnacknowledgedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
