package dev.herald.store.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxRelayTests extends StoreIntegrationTest {

	private final OutboxRelay relay;

	private final OutboxPublisher publisher;

	private final JdbcConnectionDetails database;

	private final RelayProperties properties;

	private final DataSource dataSource;

	OutboxRelayTests(JdbcClient jdbc, OutboxRelay relay, OutboxPublisher publisher, JdbcConnectionDetails database,
			RelayProperties properties, DataSource dataSource) {
		super(jdbc);
		this.dataSource = dataSource;
		this.relay = relay;
		this.publisher = publisher;
		this.database = database;
		this.properties = properties;
	}

	@Test
	void changesCommittedWhileTheRelayIsDownArePublishedWhenItComesBack() {
		String user = newUser();
		this.relay.stop();
		try {
			send(Events.follow(user, "alice-" + UUID.randomUUID()));
			await().untilAsserted(() -> assertThat(unpublished(user)).isEqualTo(1));
			await().during(Duration.ofMillis(300)).untilAsserted(() -> assertThat(published(user)).isEmpty());
		}
		finally {
			this.relay.start();
		}
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(published(user).get(0).getSeq()).isEqualTo(1);
		await().untilAsserted(() -> assertThat(unpublished(user)).isZero());
	}

	@Test
	void twoRelaysPublishEveryChangeOnceAndInSeqOrder() {
		OutboxRelay second = new OutboxRelay(this.publisher, this.database, this.properties, new SimpleMeterRegistry());
		second.start();
		try {
			String user = newUser();
			IntStream.range(0, 30).forEach((i) -> send(Events.follow(user, "fan" + i + "-" + UUID.randomUUID())));
			await().untilAsserted(() -> assertThat(published(user)).hasSize(30));
			await().during(Duration.ofMillis(300)).untilAsserted(() -> assertThat(published(user)).hasSize(30));
			List<Long> seqs = published(user).stream().map(NotificationChange::getSeq).toList();
			assertThat(seqs).isEqualTo(seqsUpTo(30));
			assertThat(this.relay.isLeader() ^ second.isLeader()).isTrue();
		}
		finally {
			second.stop();
		}
	}

	/**
	 * A change id is taken before its transaction commits, so a change can become visible
	 * after one with a higher id was already published: it must be published too.
	 */
	@Test
	void aChangeThatCommitsAfterAHigherIdWasPublishedIsPublishedToo() throws Exception {
		String late = newUser();
		String early = newUser();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO user_state (user_id, seq) VALUES ('" + late + "', 1)");
			}
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO changes (user_id, seq, kind, payload) VALUES (?, 1, 'CREATED', ?)")) {
				insert.setString(1, late);
				insert.setBytes(2, Topics.NOTIFICATIONS.valueSerde().serializer().serialize("", change(late)));
				insert.executeUpdate();
			}
			send(Events.follow(early, "alice-" + UUID.randomUUID()));
			await().untilAsserted(() -> assertThat(published(early)).hasSize(1));
			connection.commit();
		}
		await().untilAsserted(() -> assertThat(published(late)).singleElement()
			.satisfies((change) -> assertThat(change.getSeq()).isEqualTo(1)));
		await().untilAsserted(() -> assertThat(unpublished(late)).isZero());
	}

	/**
	 * PostgreSQL lists as in progress only the transactions below its snapshot's
	 * {@code xmax} (the latest completed transaction id plus one). A transaction that got
	 * its id after the last one to commit and took a change id before that one's higher
	 * change id committed is neither visible nor listed: its change must still be
	 * published once it commits, and before the floor moves past it.
	 */
	@Test
	void aChangeOfATransactionAboveTheSnapshotsXmaxIsPublishedWhenItCommits() throws Exception {
		String early = newUser();
		String late = newUser();
		this.relay.stop();
		try (Connection lower = this.dataSource.getConnection(); Connection higher = this.dataSource.getConnection()) {
			lower.setAutoCommit(false);
			higher.setAutoCommit(false);
			lockNewUser(lower, early);
			lockNewUser(higher, late);
			insertChange(higher, late);
			insertChange(lower, early);
			lower.commit();
			OutboxPublisher.Term term = this.publisher.startTerm();
			term.publishNew();
			higher.commit();
			term.publishNew();
			this.publisher.flush();
			term.saveCursor();
		}
		finally {
			this.relay.start();
		}
		await().untilAsserted(() -> assertThat(published(late)).singleElement()
			.satisfies((change) -> assertThat(change.getSeq()).isEqualTo(1)));
		assertThat(published(early)).singleElement().satisfies((change) -> assertThat(change.getSeq()).isEqualTo(1));
		await().untilAsserted(() -> assertThat(unpublished(late)).isZero());
	}

	/**
	 * A write transaction that stays open in another database of the same PostgreSQL
	 * server cannot write changes here: the relay publishes and moves its cursor on.
	 */
	@Test
	void aLongTransactionInAnotherDatabaseDoesNotHoldTheCursorBack() throws Exception {
		String user = newUser();
		try (Connection elsewhere = java.sql.DriverManager.getConnection(
				database().url().replace("/" + database().name(), "/postgres"), database().username(),
				database().password())) {
			elsewhere.setAutoCommit(false);
			try (Statement statement = elsewhere.createStatement()) {
				statement.execute("SELECT pg_current_xact_id()");
			}
			send(Events.follow(user, "alice-" + UUID.randomUUID()));
			await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
			await().untilAsserted(() -> assertThat(unpublished(user)).isZero());
			elsewhere.rollback();
		}
	}

	/**
	 * One that stays open in this database might still write changes with lower ids: the
	 * relay keeps publishing what commits meanwhile, and its cursor waits.
	 */
	@Test
	void aLongTransactionInThisDatabaseHoldsTheCursorButNotThePublishing() throws Exception {
		String user = newUser();
		try (Connection open = this.dataSource.getConnection()) {
			open.setAutoCommit(false);
			try (Statement statement = open.createStatement()) {
				statement.execute("SELECT pg_current_xact_id()");
			}
			send(Events.follow(user, "alice-" + UUID.randomUUID()));
			await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
			await().during(Duration.ofMillis(600)).untilAsserted(() -> assertThat(unpublished(user)).isEqualTo(1));
			open.rollback();
		}
		await().untilAsserted(() -> assertThat(unpublished(user)).isZero());
		assertThat(published(user)).hasSize(1);
	}

	/** Takes a transaction id the way the ledger does: by creating the user's row. */
	private static void lockNewUser(Connection connection, String user) throws Exception {
		try (PreparedStatement lock = connection
			.prepareStatement("INSERT INTO user_state (user_id, seq) VALUES (?, 1)")) {
			lock.setString(1, user);
			lock.executeUpdate();
		}
	}

	private static void insertChange(Connection connection, String user) throws Exception {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO changes (user_id, seq, kind, payload) VALUES (?, 1, 'CREATED', ?)")) {
			insert.setString(1, user);
			insert.setBytes(2, Topics.NOTIFICATIONS.valueSerde().serializer().serialize("", change(user)));
			insert.executeUpdate();
		}
	}

	private static NotificationChange change(String user) {
		return NotificationChange.newBuilder()
			.setUserId(user)
			.setSeq(1)
			.setKind(ChangeKind.ALL_READ)
			.setUnreadCount(0)
			.setOccurredAt(java.time.Instant.now())
			.setEmittedAt(java.time.Instant.now())
			.build();
	}

	private static List<Long> seqsUpTo(int n) {
		return IntStream.rangeClosed(1, n).mapToObj(Long::valueOf).toList();
	}

	private int unpublished(String user) {
		return count(
				"SELECT count(*) FROM changes WHERE user_id = ? AND id > (SELECT published_through FROM outbox_cursor)",
				user);
	}

}
