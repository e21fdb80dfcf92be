package dev.herald.store.broadcast;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls for broadcasts to run and runs a few batches per poll, which paces a large
 * fan-out. Several instances may poll: each batch holds its broadcast's row lock and the
 * others skip it. On shutdown it stops between batches.
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
			for (int batch = 0; batch < this.properties.batchesPerPoll() && this.running; batch++) {
				if (!this.fanOut.runBatch()) {
					return;
				}
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
