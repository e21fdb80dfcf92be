package dev.herald.store.broadcast;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.serde.AvroSerde;
import dev.herald.store.broadcast.BroadcastDtos.Audience;
import dev.herald.store.broadcast.BroadcastDtos.AudienceType;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastView;
import dev.herald.store.broadcast.BroadcastDtos.Message;
import dev.herald.store.broadcast.BroadcastDtos.Status;

/**
 * A {@code broadcasts} row.
 *
 * @param view what the API shows
 * @param cursor position of the last recipient published
 * @param claimedBy the instance running it, or null
 * @param event the topic event every recipient gets a copy of, or null for an
 * announcement
 */
record Broadcast(BroadcastView view, int cursor, UUID claimedBy, SocialEvent event) {

	static final AvroSerde<SocialEvent> EVENTS = AvroSerde.of(SocialEvent.class);

	UUID id() {
		return this.view.id();
	}

	Status status() {
		return this.view.status();
	}

	static Broadcast map(ResultSet rs, int row) throws SQLException {
		Audience audience = new Audience(AudienceType.valueOf(rs.getString("audience_type")),
				strings(rs.getArray("audience_user_ids")), rs.getString("audience_attribute"),
				rs.getString("audience_value"), rs.getString("audience_topic"));
		BroadcastView view = new BroadcastView(rs.getObject("id", UUID.class), Status.valueOf(rs.getString("status")),
				new Message(rs.getString("title"), rs.getString("body")), audience, rs.getBoolean("critical"),
				instant(rs, "scheduled_at"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "completed_at"), rs.getObject("total", Integer.class), rs.getInt("sent"),
				rs.getString("failure"));
		byte[] event = rs.getBytes("event");
		return new Broadcast(view, rs.getInt("cursor_position"), rs.getObject("claimed_by", UUID.class),
				(event != null) ? EVENTS.decode(event) : null);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : null;
	}

}
