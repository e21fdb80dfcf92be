package dev.herald.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A writer moves on only once every send is acknowledged.
 */
class KafkaAcksTests {

	private static final Duration SHORT = Duration.ofMillis(200);

	@Test
	void returnsWhenEverySendIsAcknowledged() {
		assertThatCode(() -> KafkaAcks
			.await(List.of(CompletableFuture.completedFuture("a"), CompletableFuture.completedFuture("b")), SHORT))
			.doesNotThrowAnyException();
	}

	@Test
	void aRefusedRecordFailsTheWholeWaitWithItsCause() {
		IllegalStateException refused = new IllegalStateException("record too large");
		assertThatThrownBy(() -> KafkaAcks
			.await(List.of(CompletableFuture.completedFuture("a"), CompletableFuture.failedFuture(refused)), SHORT))
			.isInstanceOf(KafkaAcks.UnacknowledgedException.class)
			.hasCause(refused);
	}

	@Test
	void aSendStillPendingAfterTheTimeoutFails() {
		assertThatThrownBy(() -> KafkaAcks.await(List.of(new CompletableFuture<>()), SHORT))
			.isInstanceOf(KafkaAcks.UnacknowledgedException.class)
			.hasMessageContaining("did not acknowledge");
	}

	@Test
	void anInterruptedWaiterFailsAndKeepsItsInterruptFlag() {
		Thread.currentThread().interrupt();
		try {
			assertThatThrownBy(() -> KafkaAcks.await(List.of(new CompletableFuture<>()), Duration.ofSeconds(30)))
				.isInstanceOf(KafkaAcks.UnacknowledgedException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
