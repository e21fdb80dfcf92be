package dev.herald.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server that test databases are created on, resolved once per JVM.
 *
 * @param source where the server was found
 * @param adminUrl JDBC URL of a database to run {@code CREATE DATABASE} from
 * @param username user with the right to create databases
 * @param password the user's password
 */
record DatabaseServer(TestDatabase.Source source, String adminUrl, String username, String password) {

	static final String URL_VARIABLE = "HERALD_TEST_DB_URL";

	static final String USER_VARIABLE = "HERALD_TEST_DB_USER";

	static final String PASSWORD_VARIABLE = "HERALD_TEST_DB_PASSWORD";

	private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=3";

	private static final String DEFAULT_USER = "postgres";

	private static final String CONTAINER_IMAGE = "postgres:17-alpine";

	private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(.*)");

	/**
	 * The server of this JVM.
	 * @return the resolved server
	 */
	static DatabaseServer get() {
		return Resolved.SERVER;
	}

	/**
	 * The JDBC URL of another database on this server.
	 * @param database the database name
	 * @return the URL
	 */
	String urlOf(String database) {
		Matcher matcher = JDBC_URL.matcher(this.adminUrl);
		if (!matcher.matches()) {
			throw new IllegalStateException("Not a jdbc:postgresql://host:port/db URL: " + this.adminUrl);
		}
		return matcher.group(1) + database + matcher.group(3);
	}

	Connection connectAdmin() throws SQLException {
		return DriverManager.getConnection(this.adminUrl, this.username, this.password);
	}

	/**
	 * Runs one statement on the admin database, outside any transaction.
	 * @param sql the statement
	 */
	void execute(String sql) {
		try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed on " + this.adminUrl + ": " + sql, ex);
		}
	}

	private static DatabaseServer resolve() {
		return resolve(List.of(DatabaseServer::fromEnvironment, () -> local(LOCAL_URL), EmbeddedPostgresServer::start,
				DatabaseServer::container));
	}

	/**
	 * The first server that one of the candidates finds.
	 * @param candidates the ways to find a server, in order of preference
	 * @return the server
	 * @throws IllegalStateException saying what to install or set when none finds one
	 */
	static DatabaseServer resolve(List<Supplier<Optional<DatabaseServer>>> candidates) {
		return candidates.stream()
			.map(Supplier::get)
			.flatMap(Optional::stream)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No PostgreSQL server for tests. "
					+ "Install and start PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres "
					+ "(apt-get install postgresql), or set " + URL_VARIABLE + "=jdbc:postgresql://host:port/db (and "
					+ USER_VARIABLE + "/" + PASSWORD_VARIABLE + "), or run as a user that may start the embedded "
					+ "PostgreSQL (not root, or root where unshare -U works), or start a Docker engine for "
					+ "Testcontainers."));
	}

	private static Optional<DatabaseServer> fromEnvironment() {
		String url = System.getenv(URL_VARIABLE);
		if (url == null || url.isBlank()) {
			return Optional.empty();
		}
		String user = Optional.ofNullable(System.getenv(USER_VARIABLE)).orElse(DEFAULT_USER);
		String password = Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)).orElse("");
		return Optional.of(new DatabaseServer(TestDatabase.Source.ENVIRONMENT, url, user, password));
	}

	/**
	 * The server at a URL where a local server would answer, with user postgres and no
	 * password.
	 * @param url the JDBC URL of its postgres database
	 * @return the server, or empty when none answers or it refuses the user
	 */
	static Optional<DatabaseServer> local(String url) {
		DatabaseServer server = new DatabaseServer(TestDatabase.Source.LOCAL, url, DEFAULT_USER, "");
		try (Connection connection = server.connectAdmin()) {
			return Optional.of(server);
		}
		catch (SQLException ex) {
			if (isAuthenticationFailure(ex)) {
				log.warn("PostgreSQL at {} refused user postgres without password; allow trust auth "
						+ "for 127.0.0.1 in pg_hba.conf or set {}: {}", url, URL_VARIABLE, ex.getMessage());
			}
			else {
				log.info("No PostgreSQL at {}: {}", url, ex.getMessage());
			}
			return Optional.empty();
		}
	}

	private static boolean isAuthenticationFailure(SQLException ex) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith("28");
	}

	private static Optional<DatabaseServer> container() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			return Optional.empty();
		}
		PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
		container.start();
		return Optional.of(new DatabaseServer(TestDatabase.Source.TESTCONTAINERS, container.getJdbcUrl(),
				container.getUsername(), container.getPassword()));
	}

	/** Lazy holder: the server is resolved when the first database is created. */
	private static final class Resolved {

		static final DatabaseServer SERVER = logged(resolve());

		private static DatabaseServer logged(DatabaseServer server) {
			log.info("Test databases live on {} ({})", server.adminUrl(), server.source());
			return server;
		}

	}

}
