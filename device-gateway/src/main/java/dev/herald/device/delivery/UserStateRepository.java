package dev.herald.device.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_state} table: the last change applied per user and their unread count.
 */
@Repository
class UserStateRepository {

	private final JdbcClient jdbc;

	UserStateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a change and locks the user's row until the transaction ends.
	 * @return {@code false} if a change with this seq or a later one was applied already
	 */
	boolean advance(String userId, long seq, int unreadCount) {
		return this.jdbc.sql("""
				INSERT INTO user_state (user_id, seq, unread_count) VALUES (?, ?, ?)
				ON CONFLICT (user_id) DO UPDATE SET seq = EXCLUDED.seq, unread_count = EXCLUDED.unread_count
				WHERE user_state.seq < EXCLUDED.seq
				""").params(userId, seq, unreadCount).update() > 0;
	}

	int unreadCount(String userId) {
		return this.jdbc.sql("SELECT unread_count FROM user_state WHERE user_id = ?")
			.param(userId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	boolean known(String userId) {
		return this.jdbc.sql("SELECT count(*) FROM user_state WHERE user_id = ?")
			.param(userId)
			.query(Integer.class)
			.single() > 0;
	}

	void delete(String userId) {
		this.jdbc.sql("DELETE FROM user_state WHERE user_id = ?").param(userId).update();
	}

}
