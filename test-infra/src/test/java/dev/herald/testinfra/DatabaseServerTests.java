package dev.herald.testinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

class DatabaseServerTests {

	@Test
	void localServerIsEmptyWhenNothingAnswers() {
		assertThat(DatabaseServer.local(closedPortUrl())).isEmpty();
	}

	@Test
	void embeddedServerWhenNoLocalServerAnswers() throws SQLException {
		assumeThat(postgresMayRunHere())
			.as("PostgreSQL refuses to run as root, and this machine allows no user namespace (unshare -U)")
			.isTrue();
		DatabaseServer server = DatabaseServer.resolve(List.of(() -> DatabaseServer.local(closedPortUrl()),
				EmbeddedPostgresServer::start, () -> Optional.of(unreachable())));

		assertThat(server.source()).isEqualTo(TestDatabase.Source.EMBEDDED);
		try (TestDatabase database = TestDatabase.create(server);
				Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE probe (id int)");
			statement.execute("INSERT INTO probe VALUES (42)");
			try (ResultSet result = statement
				.executeQuery("SELECT id, current_database(), current_setting('server_version_num') FROM probe")) {
				result.next();
				assertThat(result.getInt(1)).isEqualTo(42);
				assertThat(result.getString(2)).isEqualTo(database.name());
				assertThat(result.getInt(3)).as("PostgreSQL 17, as in the compose file").isBetween(170000, 179999);
			}
		}
	}

	@Test
	void firstServerFoundWins() {
		DatabaseServer environment = new DatabaseServer(TestDatabase.Source.ENVIRONMENT,
				"jdbc:postgresql://db.example:5432/postgres", "herald", "secret");

		DatabaseServer server = DatabaseServer
			.resolve(List.of(Optional::empty, () -> Optional.of(environment), () -> Optional.of(unreachable())));

		assertThat(server).isSameAs(environment);
	}

	@Test
	void noServerSaysWhatToInstallOrSet() {
		assertThatIllegalStateException().isThrownBy(() -> DatabaseServer.resolve(List.of(Optional::empty)))
			.withMessageContaining("apt-get install postgresql")
			.withMessageContaining("HERALD_TEST_DB_URL")
			.withMessageContaining("embedded PostgreSQL")
			.withMessageContaining("Docker");
	}

	@Test
	void urlOfKeepsHostPortAndParameters() {
		DatabaseServer server = new DatabaseServer(TestDatabase.Source.EMBEDDED,
				"jdbc:postgresql://127.0.0.1:41234/postgres?connectTimeout=3", "postgres", "");

		assertThat(server.urlOf("herald_t_1"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:41234/herald_t_1?connectTimeout=3");
	}

	/** PostgreSQL runs as any user but root; as root only in a user namespace. */
	private static boolean postgresMayRunHere() {
		if (!"root".equals(System.getProperty("user.name"))) {
			return true;
		}
		try {
			Process unshare = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
			unshare.getInputStream().transferTo(OutputStream.nullOutputStream());
			return unshare.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String closedPortUrl() {
		return "jdbc:postgresql://127.0.0.1:" + FreePorts.find() + "/postgres?connectTimeout=3";
	}

	private static DatabaseServer unreachable() {
		throw new AssertionError("resolution went past the server it should have picked");
	}

}
