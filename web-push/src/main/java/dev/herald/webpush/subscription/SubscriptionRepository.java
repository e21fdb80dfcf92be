package dev.herald.webpush.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code subscription} table.
 */
@Repository
public class SubscriptionRepository {

	private static final String COLUMNS = "id, user_id, endpoint, p256dh, auth, created_at, delivered_seq";

	private final JdbcClient jdbc;

	SubscriptionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Subscription> findByUser(String userId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE user_id = ? ORDER BY created_at, id")
			.param(userId)
			.query(SubscriptionRepository::subscription)
			.list();
	}

	/** Serializes the registrations of one user, so the limit holds under concurrency. */
	void lockUser(String userId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 21))").param(userId).query().singleRow();
	}

	/**
	 * Inserts the subscription, or takes over the row of the same endpoint (the same
	 * browser subscribing again, perhaps for another user now) with its new keys.
	 * @return the stored subscription and whether the endpoint was new
	 */
	Saved save(String userId, String endpoint, String p256dh, String auth, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO subscription (id, user_id, endpoint, p256dh, auth, created_at)
				VALUES (:id, :user, :endpoint, :p256dh, :auth, :now)
				ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh,
					auth = EXCLUDED.auth,
					created_at = CASE WHEN subscription.user_id = EXCLUDED.user_id THEN subscription.created_at
						ELSE EXCLUDED.created_at END,
					delivered_seq = CASE WHEN subscription.user_id = EXCLUDED.user_id THEN subscription.delivered_seq
						ELSE 0 END
				RETURNING %s, (xmax = 0) AS created
				""".formatted(COLUMNS))
			.param("id", UUID.randomUUID())
			.param("user", userId)
			.param("endpoint", endpoint)
			.param("p256dh", p256dh)
			.param("auth", auth)
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.query((rs, row) -> new Saved(subscription(rs, row), rs.getBoolean("created")))
			.single();
	}

	int countOthers(String userId, String endpoint) {
		return this.jdbc.sql("SELECT count(*) FROM subscription WHERE user_id = ? AND endpoint <> ?")
			.param(userId)
			.param(endpoint)
			.query(Integer.class)
			.single();
	}

	boolean delete(String userId, UUID id) {
		return this.jdbc.sql("DELETE FROM subscription WHERE id = ? AND user_id = ?")
			.param(id)
			.param(userId)
			.update() > 0;
	}

	/** The push service said the subscription is gone (404/410). */
	public void expire(UUID id) {
		this.jdbc.sql("DELETE FROM subscription WHERE id = ?").param(id).update();
	}

	/**
	 * Records that the change {@code seq} was sent; committed at once, so a restart does
	 * not send it again.
	 */
	public void delivered(UUID id, long seq) {
		this.jdbc.sql("UPDATE subscription SET delivered_seq = ? WHERE id = ? AND delivered_seq < ?")
			.param(seq)
			.param(id)
			.param(seq)
			.update();
	}

	public void eraseUser(String userId) {
		this.jdbc.sql("DELETE FROM subscription WHERE user_id = ?").param(userId).update();
	}

	private static Subscription subscription(ResultSet rs, int row) throws SQLException {
		return new Subscription(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("endpoint"),
				rs.getString("p256dh"), rs.getString("auth"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getLong("delivered_seq"));
	}

	record Saved(Subscription subscription, boolean created) {

	}

}
