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
import java.util.function.Function;

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
public class PendingItems implements ItemWrites.Target {

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final String COLUMNS = "notification_id, template_key, params::text AS params, content_url, action_url, comment_id, attributes::text AS attributes, critical, updated_at, received_at";

	private static final String UPSERT_ALL = """
			INSERT INTO pending_items (user_id, notification_id, template_key, params, content_url, action_url, comment_id,
			                           attributes, critical, updated_at, received_at)
			SELECT user_id, notification_id, template_key, CAST(params AS jsonb), content_url, action_url, comment_id,
			       CAST(attributes AS jsonb), critical, updated_at, received_at
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
			            ?::timestamptz[], ?::timestamptz[])
			    AS w (user_id, notification_id, template_key, params, content_url, action_url, comment_id, attributes,
			          critical, updated_at, received_at)
			ON CONFLICT (user_id, notification_id) DO UPDATE SET template_key = EXCLUDED.template_key,
			    params = EXCLUDED.params, content_url = EXCLUDED.content_url, action_url = EXCLUDED.action_url,
			    comment_id = EXCLUDED.comment_id, attributes = EXCLUDED.attributes, critical = EXCLUDED.critical,
			    updated_at = EXCLUDED.updated_at, digest_id = NULL
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	PendingItems(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Adds the items, or refreshes them (and takes them out of an in-flight digest), in
	 * one statement.
	 * @param writes one per user and notification id at most
	 */
	@Override
	public void upsertAll(List<ItemWrites.Upsert> writes) {
		if (writes.isEmpty()) {
			return;
		}
		this.jdbc.sql(UPSERT_ALL)
			.params(writes.stream().map(ItemWrites.Upsert::userId).toArray(String[]::new),
					column(writes, PendingItem::notificationId), column(writes, PendingItem::templateKey),
					writes.stream().map((w) -> this.json.writeValueAsString(w.item().params())).toArray(String[]::new),
					column(writes, PendingItem::contentUrl), column(writes, PendingItem::actionUrl),
					column(writes, PendingItem::commentId),
					writes.stream()
						.map((w) -> this.json.writeValueAsString(w.item().attributes()))
						.toArray(String[]::new),
					writes.stream().map((w) -> w.item().critical()).toArray(Boolean[]::new),
					writes.stream().map((w) -> Timestamp.from(w.item().updatedAt())).toArray(Timestamp[]::new),
					writes.stream().map((w) -> Timestamp.from(w.item().receivedAt())).toArray(Timestamp[]::new))
			.update();
	}

	/**
	 * Deletes the items named by the pairs ({@code userIds[i]},
	 * {@code notificationIds[i]}).
	 */
	@Override
	public void deleteAll(List<String> userIds, List<String> notificationIds) {
		if (userIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				DELETE FROM pending_items p USING unnest(?::text[], ?::text[]) AS d (user_id, notification_id)
				WHERE p.user_id = d.user_id AND p.notification_id = d.notification_id""")
			.params(userIds.toArray(String[]::new), notificationIds.toArray(String[]::new))
			.update();
	}

	/** Deletes every item of these users. */
	@Override
	public void deleteAllOf(Collection<String> userIds) {
		if (userIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("DELETE FROM pending_items WHERE user_id = ANY(?)")
			.param(userIds.toArray(String[]::new))
			.update();
	}

	private static String[] column(List<ItemWrites.Upsert> writes, Function<PendingItem, String> field) {
		return writes.stream().map((w) -> field.apply(w.item())).toArray(String[]::new);
	}

	/** Deletes one item of the user, if it is there. */
	void delete(String userId, String notificationId) {
		deleteAll(List.of(userId), List.of(notificationId));
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
		delete(userId, notificationId);
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
		deleteAllOf(List.of(erased.userId()));
		this.jdbc.sql("DELETE FROM seen_changes WHERE user_id = ?").param(erased.userId()).update();
	}

	private PendingItem map(ResultSet rs) throws SQLException {
		return new PendingItem(rs.getString("notification_id"), rs.getString("template_key"),
				this.json.readValue(rs.getString("params"), STRING_MAP), rs.getString("content_url"),
				rs.getString("action_url"), rs.getString("comment_id"),
				this.json.readValue(rs.getString("attributes"), STRING_MAP), rs.getBoolean("critical"),
				rs.getTimestamp("updated_at").toInstant(), rs.getTimestamp("received_at").toInstant());
	}

}
