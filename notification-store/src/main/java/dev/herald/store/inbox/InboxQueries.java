package dev.herald.store.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.schema.topic.Topics;
import dev.herald.store.notification.Notifications;
import dev.herald.store.notification.StoredNotification;
import org.apache.kafka.common.serialization.Deserializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads of the inbox: keyset pages of notifications and the user's change history.
 */
@Repository
class InboxQueries {

	private static final Deserializer<NotificationChange> DECODER = Topics.NOTIFICATIONS.valueSerde().deserializer();

	private final JdbcClient jdbc;

	private final Notifications notifications;

	InboxQueries(JdbcClient jdbc, Notifications notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	/** Up to {@code limit} notifications after the cursor, newest first. */
	List<StoredNotification> page(String userId, PageQuery query, int limit) {
		StringBuilder sql = new StringBuilder("SELECT * FROM notifications WHERE user_id = ?");
		List<Object> params = new ArrayList<>(List.of(userId));
		sql.append(query.archived() ? " AND archived" : " AND NOT archived");
		if (query.read() != null) {
			sql.append(query.read() ? " AND read" : " AND NOT read");
		}
		if (query.type() != null) {
			sql.append(" AND type = ?");
			params.add(query.type().name());
		}
		if (query.contentType() != null) {
			sql.append(" AND content_type = ?");
			params.add(query.contentType());
		}
		if (query.since() != null) {
			sql.append(" AND created_at >= ?");
			params.add(Timestamp.from(query.since()));
		}
		if (query.before() != null) {
			sql.append(" AND created_at < ?");
			params.add(Timestamp.from(query.before()));
		}
		if (query.after() != null) {
			sql.append(" AND (created_at, id) < (?, ?)");
			params.add(Timestamp.from(query.after().createdAt()));
			params.add(query.after().id());
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
		params.add(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(this.notifications.rowMapper()).list();
	}

	/** Up to {@code limit} of the user's changes with a seq above {@code since}. */
	List<NotificationChange> changes(String userId, long since, int limit) {
		return this.jdbc.sql("SELECT payload FROM changes WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?")
			.params(userId, since, limit)
			.query((rs, n) -> DECODER.deserialize(Topics.NOTIFICATIONS.name(), rs.getBytes(1)))
			.list();
	}

	/**
	 * Filters of an inbox page.
	 *
	 * @param read only read ({@code true}) or unread ({@code false}) ones, or null for
	 * both
	 * @param type only this type, or null
	 * @param contentType only about content of this type, or null
	 * @param archived the archived notifications instead of the others
	 * @param since only those created at or after this instant, or null
	 * @param before only those created before this instant, or null
	 * @param after the position of the previous page's last item, or null
	 */
	record PageQuery(Boolean read, NotificationType type, String contentType, boolean archived, Instant since,
			Instant before, Cursor after) {

	}

}
