package dev.herald.store.notification;

import java.sql.Connection;
import java.time.Duration;
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
			int writer = commitAChange();
			List<Integer> notifiers = awaitNotifiers(pg, Duration.ofSeconds(10));
			assertThat(notifiers).doesNotContain(writer);
			assertThat(notifiers).allSatisfy(
					(pid) -> assertThat(this.jdbc.sql("SELECT application_name FROM pg_stat_activity WHERE pid = ?")
						.param(pid)
						.query(String.class)
						.optional()).contains(RelayDoorbell.APPLICATION_NAME));
		}
	}

	@Test
	void aDoorbellWhoseConnectionWasKilledRingsForTheNextCommitAtOnce() throws Exception {
		try (Connection listening = ListeningConnections.open(this.database, Ledger.CHANNEL)) {
			PGConnection pg = listening.unwrap(PGConnection.class);
			commitAChange();
			awaitNotifiers(pg, Duration.ofSeconds(10));
			assertThat(this.jdbc
				.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")
				.param(RelayDoorbell.APPLICATION_NAME)
				.query(Integer.class)
				.single()).isPositive();
			commitAChange();
			// well inside the relay's 5 s safety poll, which is all a lost ring would
			// leave
			assertThat(awaitNotifiers(pg, Duration.ofSeconds(2))).isNotEmpty();
		}
	}

	/** Commits one change of a new user; returns the writing backend's pid. */
	private int commitAChange() {
		String user = newUser();
		return this.transactions.execute((status) -> {
			Ledger.Session session = this.ledger.open();
			session.lock(user);
			session.emit(user, ChangeKind.ALL_READ, null, List.of(), Ledger.Counts.NONE, List.of(), Instant.now());
			session.flush();
			return this.jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
		});
	}

	private static List<Integer> awaitNotifiers(PGConnection pg, Duration within) {
		List<Integer> notifiers = new ArrayList<>();
		await().atMost(within).untilAsserted(() -> {
			PGNotification[] received = pg.getNotifications(50);
			for (PGNotification notification : (received != null) ? received : new PGNotification[0]) {
				notifiers.add(notification.getPID());
			}
			assertThat(notifiers).isNotEmpty();
		});
		return notifiers;
	}

}
