package dev.herald.store.notification;

import java.util.List;

import dev.herald.testinfra.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a store that already holds notifications: what was read counts as seen, what
 * was unread as unseen, so each user's unseen count starts at their unread count.
 */
class SeenMigrationTests {

	@Test
	void existingNotificationsAreSeenWhenReadAndUnseenWhenNotAndTheUnseenCountStartsAtTheUnreadCount() {
		try (TestDatabase database = TestDatabase.create()) {
			migrate(database, "4");
			JdbcClient jdbc = JdbcClient.create(database.dataSource());
			jdbc.sql("""
					INSERT INTO notifications (id, user_id, type, read, created_at, updated_at)
					SELECT gen_random_uuid(), 'u' || (g % 3), 'FOLLOW', g % 2 = 0, now(), now()
					FROM generate_series(1, 30) g""").update();
			jdbc.sql("""
					INSERT INTO user_state (user_id, seq, unread_count)
					SELECT user_id, 10, count(*) FILTER (WHERE NOT read) FROM notifications GROUP BY user_id""")
				.update();

			migrate(database, "5");

			assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE seen <> read").query(Integer.class).single())
				.isZero();
			assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE archived OR attributes <> '{}'")
				.query(Integer.class)
				.single()).isZero();
			List<int[]> counts = jdbc.sql("SELECT unread_count, unseen_count FROM user_state")
				.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) })
				.list();
			assertThat(counts).hasSize(3).allSatisfy((pair) -> {
				assertThat(pair[0]).isPositive();
				assertThat(pair[1]).isEqualTo(pair[0]);
			});
			jdbc.sql("INSERT INTO notifications (id, user_id, type, created_at, updated_at) "
					+ "VALUES (gen_random_uuid(), 'new', 'FOLLOW', now(), now())")
				.update();
			assertThat(jdbc.sql("SELECT seen FROM notifications WHERE user_id = 'new'").query(Boolean.class).single())
				.as("a notification stored after the upgrade starts unseen")
				.isFalse();
		}
	}

	private static void migrate(TestDatabase database, String version) {
		Flyway.configure()
			.dataSource(database.dataSource())
			.locations("classpath:db/migration")
			.target(version)
			.load()
			.migrate();
	}

}
