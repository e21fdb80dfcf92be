package dev.herald.push.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import dev.herald.push.PushProperties;
import dev.herald.push.protocol.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before the web server stops, closes every connection with 1012 (service
 * restart) and a random delay within the configured jitter in the reason, so clients
 * spread their reconnects over the remaining instances.
 */
@Component
public class ShutdownDrain implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

	private final SessionRegistry registry;

	private final long jitterMillis;

	private volatile boolean running;

	ShutdownDrain(SessionRegistry registry, PushProperties properties) {
		this.registry = registry;
		this.jitterMillis = Math.max(1, properties.shutdownJitter().toMillis());
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		drain();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Tells every client to reconnect (after its own jitter) and closes its connection.
	 */
	public void drain() {
		log.info("Draining {} connections", this.registry.connections());
		try (ExecutorService closers = Executors.newVirtualThreadPerTaskExecutor()) {
			this.registry.all()
				.forEach((session) -> closers.execute(() -> session
					.closeNow(CloseCodes.serviceRestart(ThreadLocalRandom.current().nextLong(this.jitterMillis)))));
		}
	}

}
