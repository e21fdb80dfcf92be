package dev.herald.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.herald.devstack.ServiceProcess;

/**
 * Fills the store's tables as if it had served for a while: {@code notifications}
 * notifications over {@code users} users (seeded users, not the benchmark's clients),
 * half of them read, each with its change row, its processed event id and its ledger row
 * with the exact seq and unread count. The relay's cursor is moved past the seeded
 * changes, which are history, not news, with the store stopped: a running relay keeps its
 * position in memory and would publish the seeded rows (it did: 5 million of them, ahead
 * of every live change). Straight SQL into the store's schema, then {@code ANALYZE}, so
 * the planner sees the tables as they are; then the store starts again.
 */
final class StoreSeed {

	private StoreSeed() {
	}

	/** Seeds and says what it did, for the report. */
	static String fill(int notifications, int users) {
		ServiceProcess store = Herald.stack().service("notification-store");
		store.close();
		try {
			return seed(notifications, users);
		}
		finally {
			store.start();
			store.awaitHealthy(Duration.ofMinutes(5));
		}
	}

	private static String seed(int notifications, int users) {
		long started = System.nanoTime();
		int perUser = Math.max(1, notifications / users);
		try (Connection connection = Herald.stack().infrastructure().database().dataSource().getConnection();
				Statement sql = connection.createStatement()) {
			sql.execute("SET search_path TO store");
			sql.execute("SET synchronous_commit TO off");
			sql.execute("""
					INSERT INTO notifications (id, user_id, type, content_type, content_id, content_title, actors,
						actor_ids, actor_count, reaction, aggregate_key, read, read_at, created_at, updated_at)
					SELECT gen_random_uuid(), 'seed-' || (i %% %1$d), 'REACTION', 'artwork', 'seed-art-' || i, 'Seeded',
						'[{"id":"fan","handle":"fan","avatarUrl":null}]', '{fan}', 1, '👍',
						'REACTION:artwork:seed-art-' || i, i %% 2 = 0, CASE WHEN i %% 2 = 0 THEN now() END,
						now() - make_interval(secs => %2$d - i / 10.0), now() - make_interval(secs => %2$d - i / 10.0)
					FROM generate_series(0, %2$d - 1) i""".formatted(users, notifications));
			sql.execute("""
					INSERT INTO changes (user_id, seq, kind, payload, created_at, published_at)
					SELECT 'seed-' || (i %% %1$d), i / %1$d + 1, 'CREATED', '\\x00'::bytea,
						now() - make_interval(secs => %2$d - i / 10.0), now()
					FROM generate_series(0, %2$d - 1) i""".formatted(users, notifications));
			sql.execute("""
					INSERT INTO processed_events (event_id, processed_at)
					SELECT 'seed-' || i, now() - make_interval(secs => %1$d - i / 10.0)
					FROM generate_series(0, %1$d - 1) i""".formatted(notifications));
			sql.execute("""
					INSERT INTO user_state (user_id, seq, unread_count)
					SELECT user_id, count(*), count(*) FILTER (WHERE NOT read) FROM notifications
					WHERE user_id LIKE 'seed-%' GROUP BY user_id""");
			// a store from before the relay's cursor goes by published_at instead
			sql.execute("""
					DO $$ BEGIN
						IF to_regclass('outbox_cursor') IS NOT NULL THEN
							UPDATE outbox_cursor SET published_through = (SELECT max(id) FROM changes);
						END IF;
					END $$""");
			sql.execute("ANALYZE");
			return String.format(
					"Seeded %,d notifications (with their changes and event ids) over %,d users (%d each) in %.0f s; store tables now %s",
					notifications, users, perUser, Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0,
					sizes(sql));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not seed the store", ex);
		}
	}

	private static String sizes(Statement sql) throws SQLException {
		StringBuilder sizes = new StringBuilder();
		try (var rows = sql.executeQuery("""
				SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
				WHERE relnamespace = 'store'::regnamespace AND relkind = 'r' ORDER BY pg_total_relation_size(oid) DESC
				LIMIT 5""")) {
			while (rows.next()) {
				sizes.append(sizes.isEmpty() ? "" : ", ")
					.append(rows.getString(1))
					.append(' ')
					.append(rows.getString(2));
			}
		}
		return sizes.toString();
	}

}
