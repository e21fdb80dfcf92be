package dev.herald.digest.pending;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.herald.digest.recipients.RecipientErased;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code pending_items} table. An item is unclaimed until a digest takes it
 * ({@code digest_id}); a sent digest deletes its items, a failed one releases them.
 */
@Repository
public class PendingItems {

	private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
	};

	private static final String COLUMNS = "notification_id, template_key, params::text AS params, content_url, critical, updated_at, received_at";

	private static final String UPSERT = """
			INSERT INTO pending_items (user_id, notification_id, template_key, params, content_url, critical, updated_at, received_at)
			VALUES (:userId, :id, :templateKey, CAST(:params AS jsonb), :contentUrl, :critical, :updatedAt, :receivedAt)
			ON CONFLICT (user_id, notification_id) DO UPDATE SET template_key = EXCLUDED.template_key,
			    params = EXCLUDED.params, content_url = EXCLUDED.content_url, critical = EXCLUDED.critical,
			    updated_at = EXCLUDED.updated_at, digest_id = NULL
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	PendingItems(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Adds an item, or refreshes it (and takes it out of an in-flight digest). */
	void upsert(String userId, PendingItem item) {
		this.jdbc.sql(UPSERT)
			.param("userId", userId)
			.param("id", item.notificationId())
			.param("templateKey", item.templateKey())
			.param("params", this.json.writeValueAsString(item.params()))
			.param("contentUrl", item.contentUrl())
			.param("critical", item.critical())
			.param("updatedAt", Timestamp.from(item.updatedAt()))
			.param("receivedAt", Timestamp.from(item.receivedAt()))
			.update();
	}

	void delete(String userId, Collection<String> notificationIds) {
		if (notificationIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("DELETE FROM pending_items WHERE user_id = :userId AND notification_id IN (:ids)")
			.param("userId", userId)
			.param("ids", notificationIds)
			.update();
	}

	void deleteAll(String userId) {
		this.jdbc.sql("DELETE FROM pending_items WHERE user_id = ?").param(userId).update();
	}

	/** The user's unclaimed digest items, newest first. */
	public List<PendingItem> unclaimed(String userId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM pending_items WHERE user_id = ? AND digest_id IS NULL AND NOT critical"
					+ " ORDER BY updated_at DESC, notification_id")
			.param(userId)
			.query((rs, row) -> map(rs))
			.list();
	}

	/** When the user's oldest unclaimed digest item arrived. */
	public Optional<Instant> oldestUnclaimed(String userId) {
		return this.jdbc
			.sql("SELECT min(received_at) FROM pending_items WHERE user_id = ? AND digest_id IS NULL AND NOT critical")
			.param(userId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	public void claim(UUID digestId, String userId, Collection<String> notificationIds) {
		this.jdbc
			.sql("UPDATE pending_items SET digest_id = :digestId WHERE user_id = :userId AND notification_id IN (:ids)")
			.param("digestId", digestId)
			.param("userId", userId)
			.param("ids", notificationIds)
			.update();
	}

	/** Locks the oldest unclaimed critical item no other instance holds. */
	public Optional<CriticalItem> lockNextCritical() {
		return this.jdbc
			.sql("SELECT user_id, " + COLUMNS + " FROM pending_items WHERE critical AND digest_id IS NULL"
					+ " ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED")
			.query((rs, row) -> new CriticalItem(rs.getString("user_id"), map(rs)))
			.optional();
	}

	public void deleteClaimed(UUID digestId) {
		this.jdbc.sql("DELETE FROM pending_items WHERE digest_id = ?").param(digestId).update();
	}

	public void release(UUID digestId) {
		this.jdbc.sql("UPDATE pending_items SET digest_id = NULL WHERE digest_id = ?").param(digestId).update();
	}

	public void deleteCritical(String userId, String notificationId) {
		delete(userId, List.of(notificationId));
	}

	/** Drops the user's unclaimed digest items, e.g. when they turned digests off. */
	public void dropUnclaimed(String userId) {
		this.jdbc.sql("DELETE FROM pending_items WHERE user_id = ? AND digest_id IS NULL AND NOT critical")
			.param(userId)
			.update();
	}

	public int deleteUnclaimedReceivedBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM pending_items WHERE received_at < ? AND digest_id IS NULL")
			.param(Timestamp.from(before))
			.update();
	}

	public long usersWithPending() {
		return this.jdbc.sql("SELECT count(DISTINCT user_id) FROM pending_items").query(Long.class).single();
	}

	@EventListener
	void on(RecipientErased erased) {
		deleteAll(erased.userId());
		this.jdbc.sql("DELETE FROM seen_changes WHERE user_id = ?").param(erased.userId()).update();
	}

	private PendingItem map(ResultSet rs) throws SQLException {
		return new PendingItem(rs.getString("notification_id"), rs.getString("template_key"),
				this.json.readValue(rs.getString("params"), PARAMS), rs.getString("content_url"),
				rs.getBoolean("critical"), rs.getTimestamp("updated_at").toInstant(),
				rs.getTimestamp("received_at").toInstant());
	}

}
