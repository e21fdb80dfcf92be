package dev.herald.store.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.herald.store.notification.Ledger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the relay loop on its own thread and its own connection: {@code LISTEN}, try to
 * become leader ({@code pg_try_advisory_lock}, released by PostgreSQL when the connection
 * dies), publish everything new (see {@link OutboxPublisher}), then block in
 * {@link PGConnection#getNotifications(int)} until a commit notifies or the safety poll
 * expires. How far Kafka acknowledged is saved every {@code cursor-interval} and on stop.
 * Stopping closes the connection, which wakes the loop and hands leadership over.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Advisory lock key of the relay leader ("herald" in ASCII). */
	private static final long LEADER_LOCK = 0x68657261_6c64L;

	private final OutboxPublisher publisher;

	private final JdbcConnectionDetails database;

	private final RelayProperties properties;

	private final AtomicBoolean leader = new AtomicBoolean();

	private final AtomicLong floorLag = new AtomicLong();

	private volatile boolean running;

	private volatile Connection connection;

	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private Thread thread;

	OutboxRelay(OutboxPublisher publisher, JdbcConnectionDetails database, RelayProperties properties,
			MeterRegistry registry) {
		this.publisher = publisher;
		this.database = database;
		this.properties = properties;
		Gauge.builder("herald.store.relay.leader", this.leader, (l) -> l.get() ? 1 : 0)
			.description("1 while this instance publishes the outbox")
			.register(registry);
		Gauge.builder("herald.store.relay.floor.lag", this.floorLag, AtomicLong::get)
			.description("Changes sent but re-read on every pass because a long transaction holds the relay's floor")
			.register(registry);
	}

	@Override
	public synchronized void start() {
		if (this.running || !this.properties.enabled()) {
			return;
		}
		this.running = true;
		this.stopped = new CountDownLatch(1);
		this.thread = Thread.ofPlatform().name("herald-outbox-relay").daemon().start(this::run);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.stopped.countDown();
		ListeningConnections.closeQuietly(this.connection);
		try {
			this.thread.join(this.properties.sendTimeout().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.info("Outbox relay stopped");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether this instance currently holds the relay leadership. */
	public boolean isLeader() {
		return this.leader.get();
	}

	private void run() {
		while (this.running) {
			try (Connection listening = ListeningConnections.open(this.database, Ledger.CHANNEL)) {
				this.connection = listening;
				loop(listening);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Outbox relay failed, retrying in {}: {}", this.properties.retryDelay(), ex.toString());
				}
			}
			finally {
				this.leader.set(false);
			}
			awaitStop(this.properties.retryDelay().toMillis());
		}
	}

	private void loop(Connection listening) throws SQLException {
		PGConnection pg = listening.unwrap(PGConnection.class);
		int wait = (int) Math.min(this.properties.safetyPoll().toMillis(), this.properties.cursorInterval().toMillis());
		OutboxPublisher.Term term = null;
		long nextSave = 0;
		try {
			while (this.running) {
				if (this.leader.get() || tryLead(listening)) {
					term = (term != null) ? term : this.publisher.startTerm();
					term = publish(term);
					if (term != null && System.nanoTime() - nextSave >= 0) {
						term.saveCursor();
						this.floorLag.set(term.floorLag());
						nextSave = System.nanoTime() + this.properties.cursorInterval().toNanos();
					}
				}
				pg.getNotifications(wait);
			}
		}
		finally {
			saveOnStop(term);
		}
	}

	/** Publishes what is new; after a failed send, a new term starts after a pause. */
	private OutboxPublisher.Term publish(OutboxPublisher.Term term) {
		try {
			term.publishNew();
			return term;
		}
		catch (IllegalStateException ex) {
			log.warn("Outbox relay could not publish, starting again from its cursor in {}: {}",
					this.properties.retryDelay(), ex.getCause() != null ? ex.getCause().toString() : ex.toString());
			awaitStop(this.properties.retryDelay().toMillis());
			return null;
		}
	}

	/** Waits for Kafka's acknowledgements of what was sent, then saves the cursor. */
	private void saveOnStop(OutboxPublisher.Term term) {
		if (term == null) {
			return;
		}
		try {
			this.publisher.flush();
			term.saveCursor();
		}
		catch (RuntimeException ex) {
			log.debug("Could not save the outbox cursor on stop: {}", ex.toString());
		}
	}

	private boolean tryLead(Connection listening) throws SQLException {
		try (Statement statement = listening.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
			result.next();
			if (result.getBoolean(1)) {
				this.leader.set(true);
				log.info("Outbox relay is the leader");
			}
			return this.leader.get();
		}
	}

	private void awaitStop(long millis) {
		try {
			this.stopped.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
