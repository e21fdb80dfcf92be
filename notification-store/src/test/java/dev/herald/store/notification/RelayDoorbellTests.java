package dev.herald.store.notification;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.herald.schema.ChangeKind;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.store.outbox.ListeningConnections;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay is woken after a commit by another backend, never by a {@code NOTIFY} in the
 * transaction that wrote the changes (which would hold PostgreSQL's notification-queue
 * lock across that commit's WAL flush and serialise the consumers' commits).
 */
class RelayDoorbellTests extends StoreIntegrationTest {

	private final Ledger ledger;

	private final TransactionTemplate transactions;

	private final JdbcConnectionDetails database;

	RelayDoorbellTests(JdbcClient jdbc, Ledger ledger, TransactionTemplate transactions,
			JdbcConnectionDetails database) {
		super(jdbc);
		this.ledger = ledger;
		this.transactions = transactions;
		this.database = database;
	}

	@Test
	void theRelayIsWokenAfterTheCommitByTheDoorbellNotByTheWritingTransaction() throws Exception {
		try (Connection listening = ListeningConnections.open(this.database, Ledger.CHANNEL)) {
			PGConnection pg = listening.unwrap(PGConnection.class);
			String user = newUser();
			int writer = this.transactions.execute((status) -> {
				Ledger.Session session = this.ledger.open();
				session.lock(user);
				session.emit(user, ChangeKind.ALL_READ, null, List.of(), 0, List.of(), Instant.now());
				session.flush();
				return this.jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
			});
			List<Integer> notifiers = new ArrayList<>();
			await().untilAsserted(() -> {
				PGNotification[] received = pg.getNotifications(50);
				for (PGNotification notification : (received != null) ? received : new PGNotification[0]) {
					notifiers.add(notification.getPID());
				}
				assertThat(notifiers).isNotEmpty();
			});
			assertThat(notifiers).doesNotContain(writer);
			assertThat(notifiers).allSatisfy(
					(pid) -> assertThat(this.jdbc.sql("SELECT application_name FROM pg_stat_activity WHERE pid = ?")
						.param(pid)
						.query(String.class)
						.optional()).contains(RelayDoorbell.APPLICATION_NAME));
		}
	}

}
