package dev.herald.store.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.herald.schema.MessageText;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code notifications}. Callers hold the owner's ledger lock (see
 * {@link Ledger.Session#lock}) before changing a row, so the unread count stays exact.
 */
@Repository
public class Notifications {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final NotificationRowMapper mapper;

	public Notifications(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
		this.jdbc = jdbc;
		this.template = template;
		this.mapper = new NotificationRowMapper(json);
	}

	public NotificationRowMapper rowMapper() {
		return this.mapper;
	}

	/** Inserts the notifications in one batch. */
	public void insertAll(Collection<StoredNotification> notifications) {
		this.template.batchUpdate("""
				INSERT INTO notifications (id, user_id, type, critical, content_type, content_id, content_title,
				content_url, content_thumbnail_url, actors, actor_ids, actor_count, reaction, comment_preview,
				message_title, message_body, aggregate_key, read, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				notifications.stream().map(this::insertParams).toList());
	}

	/**
	 * Saves what aggregation and erasure change (actors, counts, latest reaction), in one
	 * batch.
	 */
	public void updateAll(Collection<StoredNotification> notifications) {
		this.template.batchUpdate("""
				UPDATE notifications SET actors = ?::jsonb, actor_ids = ?, actor_count = ?, reaction = ?,
				comment_preview = ?, updated_at = ? WHERE id = ?""",
				notifications.stream()
					.map((n) -> new Object[] { this.mapper.actorsJson(n.actors()), n.actorIds().toArray(String[]::new),
							n.actorCount(), n.reaction(), n.commentPreview(), Timestamp.from(n.updatedAt()), n.id() })
					.toList());
	}

	/**
	 * The newest unread notification created after {@code since} for each pair of a user
	 * and an aggregate key ({@code userIds[i]}, {@code keys[i]}). One index probe per
	 * pair: {@code user_id = ANY(..) AND aggregate_key = ANY(..)} would probe every user
	 * with every key, which grows with the square of the batch.
	 */
	public List<StoredNotification> openAggregates(List<String> userIds, List<String> keys, Instant since) {
		if (userIds.size() != keys.size()) {
			throw new IllegalArgumentException(
					"one key per user is needed, got " + userIds.size() + " users and " + keys.size() + " keys");
		}
		return this.jdbc.sql("""
				SELECT n.* FROM unnest(?::text[], ?::text[]) AS p (user_id, aggregate_key)
				CROSS JOIN LATERAL (SELECT * FROM notifications
					WHERE user_id = p.user_id AND aggregate_key = p.aggregate_key AND NOT read AND created_at > ?
					ORDER BY created_at DESC LIMIT 1) n""")
			.params(userIds.toArray(String[]::new), keys.toArray(String[]::new), Timestamp.from(since))
			.query(this.mapper)
			.list();
	}

	/**
	 * The newest unread notification with this key created after {@code since}, locked.
	 */
	public Optional<StoredNotification> findOpenAggregate(String userId, String aggregateKey, Instant since) {
		return this.jdbc.sql("""
				SELECT * FROM notifications WHERE user_id = ? AND aggregate_key = ? AND NOT read AND created_at > ?
				ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
			.params(userId, aggregateKey, Timestamp.from(since))
			.query(this.mapper)
			.optional();
	}

	/**
	 * Every notification of the user with this aggregate key, read or not, newest first.
	 */
	public List<StoredNotification> withAggregateKey(String userId, String aggregateKey) {
		return this.jdbc.sql("""
				SELECT * FROM notifications WHERE user_id = ? AND aggregate_key = ? ORDER BY created_at DESC""")
			.params(userId, aggregateKey)
			.query(this.mapper)
			.list();
	}

	public Optional<StoredNotification> find(String userId, UUID id) {
		return this.jdbc.sql("SELECT * FROM notifications WHERE user_id = ? AND id = ?")
			.params(userId, id)
			.query(this.mapper)
			.optional();
	}

	/** Deletes one of the user's notifications; empty when it is not theirs. */
	public Optional<StoredNotification> delete(String userId, UUID id) {
		return this.jdbc.sql("DELETE FROM notifications WHERE user_id = ? AND id = ? RETURNING *")
			.params(userId, id)
			.query(this.mapper)
			.optional();
	}

	/**
	 * Sets the read flag (and the read time, for statistics) of those of {@code ids} that
	 * are the user's and differ.
	 */
	public List<UUID> setRead(String userId, Collection<UUID> ids, boolean read) {
		return this.jdbc.sql("""
				UPDATE notifications SET read = ?, read_at = CASE WHEN ? THEN now() END
				WHERE user_id = ? AND id = ANY(?::uuid[]) AND read <> ? RETURNING id""")
			.params(read, read, userId, ids.stream().map(UUID::toString).toArray(String[]::new), read)
			.query(UUID.class)
			.list();
	}

	/**
	 * Marks every unread notification read, or those created before {@code before} when
	 * it is not null.
	 */
	public List<UUID> markAllRead(String userId, Instant before) {
		Timestamp cutoff = (before != null) ? Timestamp.from(before) : null;
		return this.jdbc.sql("""
				UPDATE notifications SET read = true, read_at = now() WHERE user_id = ? AND NOT read
				AND (CAST(? AS timestamptz) IS NULL OR created_at < ?) RETURNING id""")
			.params(userId, cutoff, cutoff)
			.query(UUID.class)
			.list();
	}

	/** Owners of notifications about a piece of content. */
	public List<String> ownersOfContent(String contentType, String contentId) {
		return this.jdbc
			.sql("SELECT DISTINCT user_id FROM notifications WHERE content_type = ? AND content_id = ? ORDER BY 1")
			.params(contentType, contentId)
			.query(String.class)
			.list();
	}

	public List<StoredNotification> deleteContent(String contentType, String contentId) {
		return this.jdbc.sql("DELETE FROM notifications WHERE content_type = ? AND content_id = ? RETURNING *")
			.params(contentType, contentId)
			.query(this.mapper)
			.list();
	}

	/** Notifications where {@code actorId} acted, on anyone's inbox. */
	public List<StoredNotification> actedBy(String actorId) {
		return this.jdbc.sql("SELECT * FROM notifications WHERE actor_ids @> ARRAY[?]::text[] ORDER BY user_id")
			.params(actorId)
			.query(this.mapper)
			.list();
	}

	public int deleteAllOf(String userId) {
		return this.jdbc.sql("DELETE FROM notifications WHERE user_id = ?").params(userId).update();
	}

	private Object[] insertParams(StoredNotification n) {
		MessageText message = n.message();
		return new Object[] { n.id(), n.userId(), n.type().name(), n.critical(), contentField(n, 0), contentField(n, 1),
				contentField(n, 2), contentField(n, 3), contentField(n, 4), this.mapper.actorsJson(n.actors()),
				n.actorIds().toArray(String[]::new), n.actorCount(), n.reaction(), n.commentPreview(),
				(message != null) ? message.getTitle() : null, (message != null) ? message.getBody() : null,
				n.aggregateKey(), n.read(), Timestamp.from(n.createdAt()), Timestamp.from(n.updatedAt()) };
	}

	private static String contentField(StoredNotification n, int field) {
		return (n.content() != null) ? (String) n.content().get(field) : null;
	}

}
