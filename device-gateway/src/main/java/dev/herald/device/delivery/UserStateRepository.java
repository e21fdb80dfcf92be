package dev.herald.device.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
	 * Locks the rows of these users until the transaction ends, in user order.
	 * @return the seq of the last change applied, per user; users never seen are absent
	 */
	Map<String, Long> lockSeqs(Collection<String> userIds) {
		Map<String, Long> seqs = new HashMap<>();
		this.jdbc.sql("SELECT user_id, seq FROM user_state WHERE user_id = ANY (?) ORDER BY user_id FOR UPDATE")
			.param(userIds.stream().sorted().toArray(String[]::new))
			.query((rs, row) -> Map.entry(rs.getString("user_id"), rs.getLong("seq")))
			.list()
			.forEach((entry) -> seqs.put(entry.getKey(), entry.getValue()));
		return seqs;
	}

	/**
	 * Records the last change of each user in one statement, where it is later than the
	 * one recorded, and locks the rows until the transaction ends.
	 * @param lastChanges per user, the seq and unread count of its last change
	 * @return the users whose row advanced; for any other a change with this seq or a
	 * later one was applied already
	 */
	Set<String> advanceAll(Map<String, UserState> lastChanges) {
		List<String> userIds = lastChanges.keySet().stream().sorted().toList();
		return new HashSet<>(this.jdbc.sql("""
				INSERT INTO user_state (user_id, seq, unread_count)
				SELECT * FROM unnest(?::text[], ?::bigint[], ?::int[])
				ON CONFLICT (user_id) DO UPDATE SET seq = EXCLUDED.seq, unread_count = EXCLUDED.unread_count
				WHERE user_state.seq < EXCLUDED.seq
				RETURNING user_id
				""")
			.params(userIds.toArray(String[]::new),
					userIds.stream().map((userId) -> lastChanges.get(userId).seq()).toArray(Long[]::new),
					userIds.stream().map((userId) -> lastChanges.get(userId).unreadCount()).toArray(Integer[]::new))
			.query(String.class)
			.list());
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

	/**
	 * A user's last change: its seq and the unread count it carried.
	 */
	record UserState(long seq, int unreadCount) {

	}

}
