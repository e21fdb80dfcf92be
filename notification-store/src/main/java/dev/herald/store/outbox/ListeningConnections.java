package dev.herald.store.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Dedicated connections that {@code LISTEN} on a PostgreSQL channel. They live outside
 * the pool, which would reset their listening state, and are closed to wake a thread
 * blocked on them.
 */
public final class ListeningConnections {

	private static final Logger log = LoggerFactory.getLogger(ListeningConnections.class);

	private ListeningConnections() {
	}

	/** A new connection to the store's database, listening on {@code channel}. */
	public static Connection open(JdbcConnectionDetails database, String channel) throws SQLException {
		Connection listening = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword());
		try (Statement statement = listening.createStatement()) {
			statement.execute("LISTEN " + channel);
		}
		catch (SQLException ex) {
			closeQuietly(listening);
			throw ex;
		}
		return listening;
	}

	/** Closes it if there is one; a failure to close is only logged. */
	public static void closeQuietly(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			log.debug("Closing a listening connection failed: {}", ex.getMessage());
		}
	}

}
