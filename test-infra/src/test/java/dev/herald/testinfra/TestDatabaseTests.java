package dev.herald.testinfra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class TestDatabaseTests {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	@Test
	void databasesAreSeparate() throws SQLException {
		try (TestDatabase other = TestDatabase.create()) {
			assertThat(other.name()).isNotEqualTo(db.name()).startsWith("herald_t_");
			execute(db, "CREATE TABLE only_here (id int)");

			assertThat(tableExists(db, "only_here")).isTrue();
			assertThat(tableExists(other, "only_here")).isFalse();
		}
	}

	@Test
	void closeDropsTheDatabase() throws SQLException {
		TestDatabase dropped = TestDatabase.create();
		try (Connection open = dropped.dataSource().getConnection()) {
			assertThat(databaseExists(dropped.name())).isTrue();

			dropped.close();

			assertThat(databaseExists(dropped.name())).isFalse();
			assertThat(open.isValid(5)).isFalse();
		}
	}

	@Test
	void afterAllDropsTheDatabase() throws SQLException {
		TestDatabase dropped = TestDatabase.create();
		assertThat(databaseExists(dropped.name())).isTrue();

		dropped.afterAll(null);

		assertThat(databaseExists(dropped.name())).isFalse();
	}

	@Test
	void terminatedConnectionsFail() throws SQLException {
		try (Connection connection = db.dataSource().getConnection()) {
			db.terminateConnections();

			assertThatThrownBy(() -> execute(connection, "SELECT 1")).isInstanceOf(SQLException.class);
		}
		try (Connection fresh = db.dataSource().getConnection()) {
			assertThat(fresh.isValid(5)).isTrue();
		}
	}

	@Test
	void registersDatasourceProperties() {
		Map<String, Object> properties = new HashMap<>();
		db.registerProperties((name, value) -> properties.put(name, value.get()));

		assertThat(properties).containsEntry("spring.datasource.url", db.url())
			.containsEntry("spring.datasource.username", db.username())
			.containsEntry("spring.datasource.password", db.password());
		assertThat(db.url()).startsWith("jdbc:postgresql://").contains("/" + db.name());
	}

	@Test
	void picksLocalServerWhenNoUrlIsSetAndOneAnswers() {
		assumeThat(System.getenv("HERALD_TEST_DB_URL")).isNull();
		assumeThat(DatabaseServer.local(DatabaseServer.LOCAL_URL)).isPresent();

		assertThat(db.source()).isEqualTo(TestDatabase.Source.LOCAL);
		assertThat(db.url()).startsWith("jdbc:postgresql://127.0.0.1:5432/" + db.name());
		assertThat(db.username()).isEqualTo("postgres");
	}

	private static boolean databaseExists(String name) throws SQLException {
		try (Connection connection = db.dataSource().getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
			statement.setString(1, name);
			return countOf(statement) == 1;
		}
	}

	private static boolean tableExists(TestDatabase database, String table) throws SQLException {
		try (Connection connection = database.dataSource().getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
			statement.setString(1, table);
			return countOf(statement) == 1;
		}
	}

	private static long countOf(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	private static void execute(TestDatabase database, String sql) throws SQLException {
		try (Connection connection = database.dataSource().getConnection()) {
			execute(connection, sql);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
