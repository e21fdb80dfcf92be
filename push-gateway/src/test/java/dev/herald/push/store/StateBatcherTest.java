package dev.herald.push.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class StateBatcherTest {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Duration PAUSE = Duration.ofMillis(10);

	private final List<List<String>> calls = new CopyOnWriteArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	/** Answers each token "u<n>" with seq n, after the gate opens. */
	private final Function<List<String>, List<StoreState>> store = (tokens) -> {
		this.calls.add(tokens);
		this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try {
			this.gate.await(10, TimeUnit.SECONDS);
			List<StoreState> states = new ArrayList<>();
			tokens.forEach((token) -> states
				.add(token.startsWith("bad") ? null : new StoreState(Long.parseLong(token.substring(1)), 1, 1)));
			return states;
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	};

	@Test
	void aLoneLookupGoesOutAtOnceAndThoseMadeMeanwhileGoTogether() throws Exception {
		StateBatcher batcher = new StateBatcher(500, 1, this.store, PATIENCE, PAUSE);
		this.gate = new CountDownLatch(1);
		CompletableFuture<StoreState> first = batcher.state("u1");
		await().until(() -> this.calls.size() == 1);
		List<CompletableFuture<StoreState>> next = IntStream.range(2, 12)
			.mapToObj((n) -> batcher.state("u" + n))
			.toList();
		assertThat(batcher.waiting()).isEqualTo(10);

		this.gate.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS).seq()).isEqualTo(1);
		for (int i = 0; i < next.size(); i++) {
			assertThat(next.get(i).get(10, TimeUnit.SECONDS).seq()).isEqualTo(i + 2);
		}
		assertThat(this.calls).hasSize(2);
		assertThat(this.calls.get(1)).hasSize(10);
		assertThat(batcher.waiting()).isZero();
	}

	@Test
	void keepsAtMostTheGivenCallsInFlightAndBatchesOfAtMostTheGivenSize() throws Exception {
		StateBatcher batcher = new StateBatcher(3, 2, this.store, PATIENCE, PAUSE);
		this.gate = new CountDownLatch(1);
		List<CompletableFuture<StoreState>> lookups = IntStream.range(0, 20)
			.mapToObj((n) -> batcher.state("u" + n))
			.toList();
		await().until(() -> this.inFlight.get() == 2);

		this.gate.countDown();

		for (CompletableFuture<StoreState> lookup : lookups) {
			lookup.get(10, TimeUnit.SECONDS);
		}
		assertThat(this.mostInFlight.get()).isEqualTo(2);
		assertThat(this.calls).allSatisfy((call) -> assertThat(call).hasSizeBetween(1, 3));
		assertThat(this.calls.stream().mapToInt(List::size).sum()).isEqualTo(20);
	}

	@Test
	void theLookupsOfAFailedCallGoInTheNextCallUntilTheirPatienceRunsOut() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		StateBatcher batcher = new StateBatcher(500, 1, (tokens) -> {
			if (attempts.incrementAndGet() < 3) {
				throw new StoreUnavailableException("unread-count:batch", new IllegalStateException("slow"));
			}
			return this.store.apply(tokens);
		}, PATIENCE, PAUSE);

		CompletableFuture<StoreState> lookup = batcher.state("u5");

		assertThat(lookup.get(10, TimeUnit.SECONDS).seq()).isEqualTo(5);
		assertThat(attempts.get()).isEqualTo(3);
	}

	@Test
	void aRejectedTokenFailsOnlyItsLookupAndAFailedCallFailsAllOfItsOwn() {
		StateBatcher batcher = new StateBatcher(500, 1, this.store, PATIENCE, PAUSE);
		this.gate = new CountDownLatch(1);
		CompletableFuture<StoreState> first = batcher.state("u1");
		await().until(() -> this.calls.size() == 1);
		CompletableFuture<StoreState> bad = batcher.state("bad");
		CompletableFuture<StoreState> good = batcher.state("u7");
		this.gate.countDown();

		assertThat(good).succeedsWithin(Duration.ofSeconds(10)).extracting(StoreState::seq).isEqualTo(7L);
		assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(TokenRejectedException.class);
		assertThat(first).isCompleted();

		StateBatcher failing = new StateBatcher(500, 1, (tokens) -> {
			throw new StoreUnavailableException("unread-count:batch", new IllegalStateException("down"));
		}, Duration.ZERO, PAUSE);
		List<CompletableFuture<StoreState>> lookups = List.of(failing.state("u1"), failing.state("u2"));
		for (CompletableFuture<StoreState> lookup : lookups) {
			assertThatThrownBy(() -> lookup.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.hasCauseInstanceOf(StoreUnavailableException.class);
		}
	}

}
