package dev.herald.store.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * dies), publish everything pending, then block in
 * {@link PGConnection#getNotifications(int)} until a commit notifies or the safety poll
 * expires. Stopping closes the connection, which wakes the loop and hands leadership
 * over.
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
		int wait = (int) this.properties.safetyPoll().toMillis();
		while (this.running) {
			if (this.leader.get() || tryLead(listening)) {
				drain();
			}
			pg.getNotifications(wait);
		}
	}

	private void drain() {
		int published;
		do {
			published = this.publisher.publishBatch();
		}
		while (published >= this.properties.batchSize() && this.running);
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
