package dev.herald.store.broadcast;

import java.sql.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.herald.schema.MessageText;
import dev.herald.schema.SocialEvent;
import dev.herald.store.broadcast.BroadcastDtos.Audience;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code broadcasts} and {@code broadcast_recipients}.
 */
@Repository
public class Broadcasts {

	private static final String ALL_USERS = """
			SELECT user_id FROM contacts UNION SELECT user_id FROM user_state UNION SELECT user_id FROM preferences""";

	private final JdbcClient jdbc;

	Broadcasts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Broadcast insert(UUID id, BroadcastRequest request, Instant scheduledAt) {
		Audience audience = request.audience();
		String[] userIds = (audience.userIds() != null) ? audience.userIds().stream().distinct().toArray(String[]::new)
				: null;
		return this.jdbc.sql("""
				INSERT INTO broadcasts (id, status, title, body, critical, audience_type, audience_user_ids,
				audience_attribute, audience_value, audience_topic, scheduled_at)
				VALUES (?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *""")
			.params(id, request.message().title(), (request.message().body() != null) ? request.message().body() : "",
					Boolean.TRUE.equals(request.critical()), audience.type().name(), userIds, audience.attribute(),
					audience.value(), audience.topic(), Timestamp.from(scheduledAt))
			.query(Broadcast::map)
			.single();
	}

	/**
	 * Queues the fan-out of a topic event to the topic's subscribers but its actor, due
	 * now. Its id is derived from the event id, so the same event queues it once.
	 */
	public void insertTopicFanOut(SocialEvent event) {
		MessageText message = event.getMessage();
		String title = (message != null) ? message.getTitle() : event.getKind() + " on " + event.getTopic();
		String actorId = (event.getActor() != null) ? event.getActor().getId() : null;
		this.jdbc.sql("""
				INSERT INTO broadcasts (id, status, title, body, critical, audience_type, audience_topic,
				audience_except, event, scheduled_at) VALUES (?, 'SCHEDULED', ?, ?, ?, 'TOPIC', ?, ?, ?, now())
				ON CONFLICT (id) DO NOTHING""")
			.params(topicFanOutId(event.getEventId()), title, (message != null) ? message.getBody() : "",
					event.getCritical(), event.getTopic(), actorId, Broadcast.EVENTS.encode(event))
			.update();
	}

	/**
	 * Stops the fan-outs to a topic's subscribers that have not finished (the topic's
	 * content was deleted): they send no further batch. Waits for a batch that holds the
	 * broadcast's row to commit. Returns how many were stopped.
	 */
	public int stopTopicFanOuts(String topic) {
		return this.jdbc.sql("""
				UPDATE broadcasts SET status = 'CANCELLED', completed_at = now()
				WHERE audience_type = 'TOPIC' AND audience_topic = ? AND status IN ('SCHEDULED', 'RUNNING')""")
			.param(topic)
			.update();
	}

	static UUID topicFanOutId(String eventId) {
		return UUID.nameUUIDFromBytes(("topic-event:" + eventId).getBytes(StandardCharsets.UTF_8));
	}

	Optional<Broadcast> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM broadcasts WHERE id = ?").param(id).query(Broadcast::map).optional();
	}

	List<Broadcast> newest(int limit) {
		return this.jdbc.sql("SELECT * FROM broadcasts ORDER BY created_at DESC, id DESC LIMIT ?")
			.param(limit)
			.query(Broadcast::map)
			.list();
	}

	/** Cancels the broadcast if it has not started; empty otherwise. */
	Optional<Broadcast> cancel(UUID id) {
		return this.jdbc.sql("""
				UPDATE broadcasts SET status = 'CANCELLED', completed_at = now() WHERE id = ? AND status = 'SCHEDULED'
				RETURNING *""").param(id).query(Broadcast::map).optional();
	}

	/**
	 * Locks one broadcast this instance should work on: a due scheduled one, one it runs,
	 * or a running one whose lease expired. Rows other instances hold are skipped.
	 */
	Optional<Broadcast> lockNext(UUID instance) {
		return this.jdbc.sql("""
				SELECT * FROM broadcasts WHERE (status = 'SCHEDULED' AND scheduled_at <= now())
				OR (status = 'RUNNING' AND (claimed_by = ? OR lease_until < now()))
				ORDER BY scheduled_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
			.param(instance)
			.query(Broadcast::map)
			.optional();
	}

	/** Marks a locked scheduled broadcast running and numbers its recipients. */
	void start(Broadcast broadcast) {
		String audience = switch (broadcast.view().audience().type()) {
			case ALL -> ALL_USERS;
			case USERS -> "SELECT DISTINCT unnest(audience_user_ids) AS user_id FROM broadcasts WHERE id = :id";
			case ATTRIBUTE -> """
					SELECT c.user_id FROM contacts c JOIN broadcasts b ON b.id = :id
					AND c.attributes @> jsonb_build_object(b.audience_attribute, b.audience_value)""";
			case TOPIC -> """
					SELECT s.user_id FROM subscriptions s JOIN broadcasts b ON b.id = :id
					AND s.topic = b.audience_topic AND s.user_id IS DISTINCT FROM b.audience_except""";
		};
		this.jdbc.sql("""
				INSERT INTO broadcast_recipients (broadcast_id, position, user_id)
				SELECT :id, row_number() OVER (ORDER BY user_id), user_id FROM (%s) audience""".formatted(audience))
			.param("id", broadcast.id())
			.update();
		this.jdbc.sql("""
				UPDATE broadcasts SET status = 'RUNNING', started_at = now(),
				total = (SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = :id) WHERE id = :id""")
			.param("id", broadcast.id())
			.update();
	}

	/** Makes this instance the holder of a locked broadcast until the lease ends. */
	void hold(UUID id, UUID instance, Duration lease) {
		this.jdbc
			.sql("UPDATE broadcasts SET claimed_by = ?, lease_until = now() + make_interval(secs => ?) WHERE id = ?")
			.params(instance, lease.toMillis() / 1000.0, id)
			.update();
	}

	/**
	 * The next recipients after the cursor, share-locked so that an erasure waits for the
	 * batch.
	 */
	List<Recipient> recipientsAfter(UUID id, int position, int limit) {
		return this.jdbc.sql("""
				SELECT position, user_id FROM broadcast_recipients WHERE broadcast_id = ? AND position > ?
				ORDER BY position LIMIT ? FOR SHARE""")
			.params(id, position, limit)
			.query((rs, n) -> new Recipient(rs.getInt(1), rs.getString(2)))
			.list();
	}

	void advance(UUID id, int position, int sent) {
		this.jdbc.sql("""
				UPDATE broadcasts SET cursor_position = ?, sent = sent + ?, failed_attempts = 0, failure = NULL
				WHERE id = ?""").params(position, sent, id).update();
	}

	/** Ends a broadcast (COMPLETED or FAILED) and drops its recipient list. */
	void finish(UUID id, BroadcastDtos.Status status) {
		this.jdbc.sql("""
				UPDATE broadcasts SET status = ?, completed_at = now(), claimed_by = NULL, lease_until = NULL
				WHERE id = ?""").params(status.name(), id).update();
		this.jdbc.sql("DELETE FROM broadcast_recipients WHERE broadcast_id = ?").param(id).update();
	}

	/** Counts a failed batch; returns the failures in a row. */
	int recordFailure(UUID id, String failure) {
		return this.jdbc.sql("""
				UPDATE broadcasts SET failed_attempts = failed_attempts + 1, failure = ? WHERE id = ?
				RETURNING failed_attempts""").params(failure, id).query(Integer.class).single();
	}

	/**
	 * Removes an erased user from every audience and recipient list. Broadcast rows are
	 * locked before recipient rows, in the fan-out's order, so the two never deadlock.
	 */
	public void forgetUser(String userId) {
		this.jdbc.sql("""
				UPDATE broadcasts SET audience_user_ids = array_remove(audience_user_ids, ?)
				WHERE audience_user_ids @> ARRAY[?]::text[]""").params(userId, userId).update();
		this.jdbc.sql("DELETE FROM broadcast_recipients WHERE user_id = ?").param(userId).update();
	}

	/**
	 * A numbered recipient.
	 *
	 * @param position its number in the broadcast
	 * @param userId the user
	 */
	record Recipient(int position, String userId) {

	}

}
