package dev.herald.push.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks one at a time, in submission order, on a shared (virtual
 * thread) executor: no thread is held while the session is idle, and a task may block
 * (socket write, store call) without holding up other sessions. Bounded: a full mailbox
 * refuses tasks.
 */
final class Mailbox {

	private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean();

	private final Executor executor;

	private final int capacity;

	Mailbox(Executor executor, int capacity) {
		this.executor = executor;
		this.capacity = capacity;
	}

	/** Queues a task; {@code false} when the mailbox is full. */
	boolean offer(Runnable task) {
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.tasks.add(task);
		schedule();
		return true;
	}

	int size() {
		return this.size.get();
	}

	private void schedule() {
		if (this.running.compareAndSet(false, true)) {
			this.executor.execute(this::drain);
		}
	}

	private void drain() {
		try {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				this.size.decrementAndGet();
				runSafely(task);
			}
		}
		finally {
			this.running.set(false);
			if (!this.tasks.isEmpty()) {
				schedule();
			}
		}
	}

	private static void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			log.warn("Session task failed: {}", ex.toString(), ex);
		}
	}

}
