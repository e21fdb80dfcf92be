package dev.herald.store.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.herald.schema.MessageText;
import dev.herald.schema.NotificationType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code notifications}. Callers hold the owner's ledger lock (see
 * {@link Ledger.Session#lock}) before changing a row, so the unread and unseen counts
 * stay exact.
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
				message_title, message_body, comment_id, action_url, attributes, aggregate_key, read, seen, archived,
				created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""",
				notifications.stream().map(this::insertParams).toList());
	}

	/**
	 * Saves what aggregation and erasure change (actors, counts, latest reaction), in one
	 * batch.
	 */
	public void updateAll(Collection<StoredNotification> notifications) {
		this.template.batchUpdate("""
				UPDATE notifications SET actors = ?::jsonb, actor_ids = ?, actor_count = ?, reaction = ?,
				comment_preview = ?, comment_id = ?, action_url = ?, attributes = ?::jsonb, seen = ?, updated_at = ?
				WHERE id = ?""", notifications.stream()
			.map((n) -> new Object[] { this.mapper.actorsJson(n.actors()), n.actorIds().toArray(String[]::new),
					n.actorCount(), n.reaction(), n.commentPreview(), n.commentId(), n.actionUrl(),
					this.mapper.attributesJson(n.attributes()), n.seen(), Timestamp.from(n.updatedAt()), n.id() })
			.toList());
	}

	/**
	 * The newest unread, unarchived notification created after {@code since} for each
	 * pair of a user and an aggregate key ({@code userIds[i]}, {@code keys[i]}). One
	 * index probe per pair: {@code user_id = ANY(..) AND aggregate_key = ANY(..)} would
	 * probe every user with every key, which grows with the square of the batch.
	 */
	public List<StoredNotification> openAggregates(List<String> userIds, List<String> keys, Instant since) {
		if (userIds.size() != keys.size()) {
			throw new IllegalArgumentException(
					"one key per user is needed, got " + userIds.size() + " users and " + keys.size() + " keys");
		}
		return this.jdbc.sql("""
				SELECT n.* FROM unnest(?::text[], ?::text[]) AS p (user_id, aggregate_key)
				CROSS JOIN LATERAL (SELECT * FROM notifications
					WHERE user_id = p.user_id AND aggregate_key = p.aggregate_key AND NOT read AND NOT archived
					AND created_at > ?
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
				SELECT * FROM notifications WHERE user_id = ? AND aggregate_key = ? AND NOT read AND NOT archived
				AND created_at > ? ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
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
	 * Sets the read flag (and the read time, for statistics) of the selected
	 * notifications whose flag differs; reading one also marks it seen.
	 * @return the notifications changed, with their flags before
	 */
	public List<Touched> setRead(String userId, Selection selection, boolean read) {
		return touch(userId, selection, read ? "NOT read" : "read",
				read ? "read = true, read_at = now(), seen = true" : "read = false, read_at = NULL");
	}

	/**
	 * Marks the selected notifications that are not seen yet seen.
	 * @return the notifications changed, with their flags before
	 */
	public List<Touched> markSeen(String userId, Selection selection) {
		return touch(userId, selection, "NOT seen", "seen = true");
	}

	/**
	 * Archives (which also reads and sees them) or unarchives the selected notifications
	 * whose flag differs.
	 * @return the notifications changed, with their flags before
	 */
	public List<Touched> setArchived(String userId, Selection selection, boolean archived) {
		return touch(userId, selection, archived ? "NOT archived" : "archived", archived
				? "archived = true, read = true, read_at = coalesce(read_at, now()), seen = true" : "archived = false");
	}

	/** Deletes the selected notifications of the user. */
	public List<StoredNotification> delete(String userId, Selection selection) {
		List<Object> params = new ArrayList<>(List.of(userId));
		String where = selection.sql(params);
		return this.jdbc.sql("DELETE FROM notifications WHERE user_id = ? AND " + where + " RETURNING *")
			.params(params)
			.query(this.mapper)
			.list();
	}

	private List<Touched> touch(String userId, Selection selection, String condition, String assignments) {
		List<Object> params = new ArrayList<>(List.of(userId));
		String where = selection.sql(params);
		params.add(userId);
		return this.jdbc
			.sql("""
					WITH old AS (SELECT id, read, seen, archived, created_at FROM notifications
						WHERE user_id = ? AND %s AND %s FOR UPDATE)
					UPDATE notifications n SET %s FROM old WHERE n.user_id = ? AND n.id = old.id
					RETURNING old.id, old.read, old.seen, old.archived, old.created_at""".formatted(where, condition,
					assignments))
			.params(params)
			.query((rs, n) -> new Touched(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getBoolean(3),
					rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list()
			.stream()
			.sorted(Comparator.comparing(Touched::createdAt).thenComparing(Touched::id))
			.toList();
	}

	/**
	 * A notification a state change touched, with its flags before the change.
	 *
	 * @param id the notification
	 * @param read whether it was read
	 * @param seen whether it was seen
	 * @param archived whether it was archived
	 * @param createdAt when it was created
	 */
	public record Touched(UUID id, boolean read, boolean seen, boolean archived, Instant createdAt) {

		/** What it counted before the change. */
		public Ledger.Counts counts() {
			return Ledger.Counts.of(this.read, this.seen, this.archived);
		}

	}

	/**
	 * Which of a user's notifications an action takes: the given ids, or every one that
	 * matches a filter (all of them when no filter field is set).
	 *
	 * @param ids the notifications, or null for a filter
	 * @param type only this type, or null
	 * @param contentType only about content of this type, or null
	 * @param before only created before this instant, or null
	 */
	public record Selection(List<UUID> ids, NotificationType type, String contentType, Instant before) {

		public static Selection of(Collection<UUID> ids) {
			return new Selection(List.copyOf(ids), null, null, null);
		}

		public static Selection matching(NotificationType type, String contentType, Instant before) {
			return new Selection(null, type, contentType, before);
		}

		String sql(List<Object> params) {
			if (this.ids != null) {
				params.add(this.ids.stream().map(UUID::toString).toArray(String[]::new));
				return "id = ANY(?::uuid[])";
			}
			StringBuilder where = new StringBuilder("true");
			if (this.type != null) {
				where.append(" AND type = ?");
				params.add(this.type.name());
			}
			if (this.contentType != null) {
				where.append(" AND content_type = ?");
				params.add(this.contentType);
			}
			if (this.before != null) {
				where.append(" AND created_at < ?");
				params.add(Timestamp.from(this.before));
			}
			return where.toString();
		}

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
				n.commentId(), n.actionUrl(), this.mapper.attributesJson(n.attributes()), n.aggregateKey(), n.read(),
				n.seen(), n.archived(), Timestamp.from(n.createdAt()), Timestamp.from(n.updatedAt()) };
	}

	private static String contentField(StoredNotification n, int field) {
		return (n.content() != null) ? (String) n.content().get(field) : null;
	}

}
