package dev.herald.store.preferences;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.herald.store.outbox.ListeningConnections;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code LISTEN}s to preference changes on its own thread and connection, on every store
 * instance: each notification (payload: the user id) drops that user from the cache and
 * wakes the relay. After (re)connecting it drops the whole cache, since notifications
 * sent while it was away are lost; an idle connection is checked every
 * {@code relay-safety-poll}. Stopping closes the connection, which wakes the loop.
 */
@Component
class PreferencesChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PreferencesChangeListener.class);

	private final PreferencesCache cache;

	private final PreferencesRelay relay;

	private final JdbcConnectionDetails database;

	private final PreferencesProperties properties;

	private volatile boolean running;

	private volatile Connection connection;

	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private Thread thread;

	PreferencesChangeListener(PreferencesCache cache, PreferencesRelay relay, JdbcConnectionDetails database,
			PreferencesProperties properties) {
		this.cache = cache;
		this.relay = relay;
		this.database = database;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopped = new CountDownLatch(1);
		this.thread = Thread.ofPlatform().name("herald-preferences-listener").daemon().start(this::run);
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
			this.thread.join(this.properties.retryDelay().toMillis() + 1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		while (this.running) {
			try (Connection listening = ListeningConnections.open(this.database, PreferencesOutbox.CHANNEL)) {
				this.connection = listening;
				this.cache.invalidateAll();
				this.relay.wake();
				listen(listening);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Preference change listener failed, reconnecting in {}: {}", this.properties.retryDelay(),
							ex.toString());
				}
			}
			awaitStop(this.properties.retryDelay().toMillis());
		}
	}

	private void listen(Connection listening) throws SQLException {
		PGConnection pg = listening.unwrap(PGConnection.class);
		int wait = (int) this.properties.relaySafetyPoll().toMillis();
		while (this.running) {
			PGNotification[] notifications = pg.getNotifications(wait);
			if (notifications == null || notifications.length == 0) {
				ping(listening);
				continue;
			}
			for (PGNotification notification : notifications) {
				this.cache.invalidate(notification.getParameter());
			}
			this.relay.wake();
		}
	}

	/** Finds out a silently dropped connection, which would otherwise wait forever. */
	private static void ping(Connection listening) throws SQLException {
		try (Statement statement = listening.createStatement()) {
			statement.execute("SELECT 1");
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
