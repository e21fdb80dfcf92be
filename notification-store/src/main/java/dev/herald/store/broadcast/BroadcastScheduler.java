package dev.herald.store.broadcast;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls for broadcasts to run and publishes up to {@code batch-size × batches-per-poll}
 * recipients per poll, which paces a large fan-out while many small ones (topic events of
 * a few subscribers each) all run in one poll. Several instances may poll: each batch
 * holds its broadcast's row lock and the others skip it. On shutdown it stops between
 * batches.
 */
@Component
class BroadcastScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BroadcastScheduler.class);

	private final FanOut fanOut;

	private final BroadcastProperties properties;

	private volatile boolean running;

	BroadcastScheduler(FanOut fanOut, BroadcastProperties properties) {
		this.fanOut = fanOut;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${herald.store.broadcasts.poll-interval:1s}")
	void poll() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			int budget = this.properties.batchSize() * this.properties.batchesPerPoll();
			while (budget > 0 && this.running) {
				int published = this.fanOut.runBatch();
				if (published == FanOut.NOTHING) {
					return;
				}
				budget -= Math.max(published, 1);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Broadcast poll failed on the database: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
