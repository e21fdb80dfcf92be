package dev.herald.store.notification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the outbox relay (on whichever store instance leads) after a transaction that
 * wrote changes has committed: {@code NOTIFY} on {@link Ledger#CHANNEL} in its own short
 * transaction with {@code synchronous_commit} off, on one thread and its own connection
 * (application name {@value #APPLICATION_NAME}), folding every ring since its last
 * notification into one.
 * <p>
 * A {@code NOTIFY} inside the writing transaction would make PostgreSQL take its global
 * notification-queue lock at commit and hold it across the commit's WAL flush, so the
 * store's consumers would commit one after the other instead of sharing a flush. The
 * notification is only a hint: a lost one (a crash, the connection away) costs the
 * relay's safety poll, never a change.
 */
@Component
public class RelayDoorbell implements SmartLifecycle {

	/** The application name of the doorbell's connection. */
	public static final String APPLICATION_NAME = "herald-relay-doorbell";

	private static final Logger log = LoggerFactory.getLogger(RelayDoorbell.class);

	private final JdbcConnectionDetails database;

	private final AtomicBoolean rung = new AtomicBoolean();

	private volatile boolean running;

	private volatile Thread thread;

	private Connection connection;

	private final TransactionSynchronization afterCommit = new TransactionSynchronization() {
		@Override
		public void afterCommit() {
			ring();
		}
	};

	RelayDoorbell(JdbcConnectionDetails database) {
		this.database = database;
	}

	/**
	 * Rings once the current transaction has committed (at once when there is none);
	 * never blocks and never fails the caller.
	 */
	void ringAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// one instance: a transaction that flushes several times registers it once
			TransactionSynchronizationManager.registerSynchronization(this.afterCommit);
		}
		else {
			ring();
		}
	}

	private void ring() {
		Thread ringer = this.thread;
		if (ringer != null && !this.rung.getAndSet(true)) {
			LockSupport.unpark(ringer);
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = Thread.ofPlatform().name("herald-relay-doorbell").daemon().start(this::run);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		Thread ringer = this.thread;
		this.thread = null;
		LockSupport.unpark(ringer);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts before and stops after the Kafka listeners, whose commits ring it. */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
	}

	private void run() {
		try {
			while (this.running) {
				if (this.rung.getAndSet(false)) {
					notifyRelay();
				}
				else {
					LockSupport.park(this);
				}
			}
		}
		finally {
			close();
		}
	}

	/**
	 * Notifies; a connection that broke since the last ring (PostgreSQL restarted, say)
	 * is replaced and the notification sent again at once, so the first commit after an
	 * outage does not wait for the relay's safety poll.
	 */
	private void notifyRelay() {
		for (int attempt = 1; attempt <= 2; attempt++) {
			try {
				if (this.connection == null) {
					this.connection = open();
				}
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("NOTIFY " + Ledger.CHANNEL);
				}
				this.connection.commit();
				return;
			}
			catch (SQLException ex) {
				close();
				if (attempt == 2) {
					log.debug("Could not wake the outbox relay, it will look at its next safety poll: {}",
							ex.getMessage());
				}
			}
		}
	}

	private Connection open() throws SQLException {
		Connection opened = DriverManager.getConnection(this.database.getJdbcUrl(), this.database.getUsername(),
				this.database.getPassword());
		try (Statement statement = opened.createStatement()) {
			statement.execute("SET application_name TO '" + APPLICATION_NAME + "'");
			statement.execute("SET synchronous_commit TO off");
			opened.setAutoCommit(false);
			return opened;
		}
		catch (SQLException ex) {
			opened.close();
			throw ex;
		}
	}

	private void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the doorbell's connection failed: {}", ex.getMessage());
			}
			this.connection = null;
		}
	}

}
