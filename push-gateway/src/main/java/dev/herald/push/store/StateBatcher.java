package dev.herald.push.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coalesces the {@code hello} lookups of connections that open at the same time: each
 * lookup waits in a queue; up to {@code callers} calls are in flight, each taking every
 * lookup waiting (up to {@code batchSize}) into one store call. A lone lookup goes out at
 * once, in a batch of one; during a ramp, the lookups that arrive while a call is in
 * flight go in the next one, so the store answers thousands of connections with a few
 * calls and queries instead of one each. A call that fails (the store slow or away) does
 * not fail its lookups at once: they wait for the next call, a short pause later, until
 * each has waited {@code patience} since it was made; only then does it fail, as a single
 * lookup waiting that long for its turn did before.
 */
final class StateBatcher {

	private final Queue<Lookup> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	private final int batchSize;

	private final int callers;

	private final Function<List<String>, List<StoreState>> call;

	private final long patienceNanos;

	private final Duration pause;

	/**
	 * @param batchSize most tokens in one call
	 * @param callers most calls in flight at once
	 * @param call answers the tokens' states in order ({@code null} for a token the store
	 * did not accept); throws {@link StoreUnavailableException} when the store did not
	 * answer
	 * @param patience how long a lookup may wait, over failed calls, before it fails
	 * @param pause the wait before the next call after a failed one
	 */
	StateBatcher(int batchSize, int callers, Function<List<String>, List<StoreState>> call, Duration patience,
			Duration pause) {
		this.batchSize = batchSize;
		this.callers = callers;
		this.call = call;
		this.patienceNanos = patience.toNanos();
		this.pause = pause;
	}

	/**
	 * The token's user's state; fails with {@link TokenRejectedException} or
	 * {@link StoreUnavailableException}.
	 */
	CompletableFuture<StoreState> state(String token) {
		Lookup lookup = new Lookup(token, new CompletableFuture<>(), System.nanoTime() + this.patienceNanos);
		this.waiting.add(lookup);
		this.size.incrementAndGet();
		startCaller();
		return lookup.answer();
	}

	/** Lookups waiting for a call. */
	int waiting() {
		return this.size.get();
	}

	private void startCaller() {
		while (!this.waiting.isEmpty()) {
			int now = this.running.get();
			if (now >= this.callers) {
				return;
			}
			if (this.running.compareAndSet(now, now + 1)) {
				Thread.ofVirtual().name("store-hello-batch").start(this::callWhileWaiting);
				return;
			}
		}
	}

	/**
	 * Calls while lookups wait; after a failed call this caller stops and the next one
	 * starts {@code pause} later (a timer, not a sleeping thread).
	 */
	private void callWhileWaiting() {
		boolean failed = false;
		try {
			List<Lookup> batch;
			while (!failed && !(batch = take()).isEmpty()) {
				failed = !answer(batch);
			}
		}
		finally {
			this.running.decrementAndGet();
			if (failed) {
				CompletableFuture.delayedExecutor(this.pause.toNanos(), TimeUnit.NANOSECONDS)
					.execute(this::startCaller);
			}
			else {
				// a lookup queued after the last take, while this caller was stopping
				startCaller();
			}
		}
	}

	private List<Lookup> take() {
		List<Lookup> batch = new ArrayList<>();
		Lookup lookup;
		while (batch.size() < this.batchSize && (lookup = this.waiting.poll()) != null) {
			this.size.decrementAndGet();
			batch.add(lookup);
		}
		return batch;
	}

	/** Answers the batch; {@code false} when the call failed. */
	private boolean answer(List<Lookup> batch) {
		try {
			List<StoreState> states = this.call.apply(batch.stream().map(Lookup::token).toList());
			if (states.size() != batch.size()) {
				throw new IllegalStateException(
						"The store answered " + states.size() + " states for " + batch.size() + " tokens");
			}
			for (int i = 0; i < batch.size(); i++) {
				StoreState state = states.get(i);
				if (state != null) {
					batch.get(i).answer().complete(state);
				}
				else {
					batch.get(i).answer().completeExceptionally(new TokenRejectedException());
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			long now = System.nanoTime();
			for (Lookup lookup : batch) {
				if (now - lookup.deadlineNanos() < 0) {
					this.waiting.add(lookup);
					this.size.incrementAndGet();
				}
				else {
					lookup.answer().completeExceptionally(ex);
				}
			}
			return false;
		}
	}

	private record Lookup(String token, CompletableFuture<StoreState> answer, long deadlineNanos) {

	}

}
