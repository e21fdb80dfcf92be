package dev.herald.testinfra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh, uniquely named PostgreSQL database, dropped on close. Registered as a JUnit
 * extension on a static field it lives as long as its test class:
 * {@code @RegisterExtension static final TestDatabase db = TestDatabase.create();}.
 * <p>
 * The server is the one in {@code HERALD_TEST_DB_URL} if set, else the local server at
 * 127.0.0.1:5432, else an embedded PostgreSQL where the OS user may run it, else a
 * Testcontainers PostgreSQL when Docker runs.
 */
public final class TestDatabase implements AutoCloseable, AfterAllCallback {

	/** Where the PostgreSQL server came from. */
	public enum Source {

		/** The URL in {@code HERALD_TEST_DB_URL}. */
		ENVIRONMENT,
		/** The machine's server at 127.0.0.1:5432. */
		LOCAL,
		/** A PostgreSQL run from the binaries on the classpath for this JVM. */
		EMBEDDED,
		/** A Testcontainers container started for this JVM. */
		TESTCONTAINERS

	}

	private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

	private final DatabaseServer server;

	private final String name;

	private final PGSimpleDataSource dataSource;

	private final AtomicBoolean dropped = new AtomicBoolean();

	private TestDatabase(DatabaseServer server, String name) {
		this.server = server;
		this.name = name;
		this.dataSource = new PGSimpleDataSource();
		this.dataSource.setUrl(url());
		this.dataSource.setUser(server.username());
		this.dataSource.setPassword(server.password());
	}

	/**
	 * Creates a new empty database named {@code herald_t_<random>}.
	 * @return the database
	 */
	public static TestDatabase create() {
		return create(DatabaseServer.get());
	}

	static TestDatabase create(DatabaseServer server) {
		String name = "herald_t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		server.execute("CREATE DATABASE " + name);
		if (server.source() == Source.EMBEDDED) {
			EmbeddedPostgresServer.databaseCreated();
		}
		log.info("Created test database {}", name);
		return new TestDatabase(server, name);
	}

	public String url() {
		return this.server.urlOf(this.name);
	}

	public String username() {
		return this.server.username();
	}

	public String password() {
		return this.server.password();
	}

	public String name() {
		return this.name;
	}

	public Source source() {
		return this.server.source();
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Sets {@code spring.datasource.url}, {@code .username} and {@code .password}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", this::username);
		registry.add("spring.datasource.password", this::password);
	}

	/**
	 * Kills every other session connected to this database, as a failing server would.
	 */
	public void terminateConnections() {
		String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
				+ "WHERE datname = ? AND pid <> pg_backend_pid()";
		try (Connection connection = this.server.connectAdmin();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, this.name);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				log.info("Terminated {} connections to {}", result.getLong(1), this.name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not terminate connections to " + this.name, ex);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Drops the database, closing the connections still open to it.
	 */
	@Override
	public void close() {
		if (this.dropped.compareAndSet(false, true)) {
			try {
				this.server.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
				log.info("Dropped test database {}", this.name);
			}
			finally {
				if (source() == Source.EMBEDDED) {
					EmbeddedPostgresServer.databaseDropped();
				}
			}
		}
	}

}
