package dev.herald.store.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.ContentRef;
import dev.herald.schema.MessageText;
import dev.herald.schema.NotificationType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a {@code notifications} row; writes and reads the actors' JSON.
 */
public final class NotificationRowMapper implements RowMapper<StoredNotification> {

	private static final TypeReference<List<Map<String, String>>> ACTORS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JsonMapper json;

	public NotificationRowMapper(JsonMapper json) {
		this.json = json;
	}

	@Override
	public StoredNotification mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new StoredNotification(rs.getObject("id", UUID.class), rs.getString("user_id"),
				NotificationType.valueOf(rs.getString("type")), rs.getBoolean("critical"), content(rs),
				actors(rs.getString("actors")), strings(rs.getArray("actor_ids")), rs.getInt("actor_count"),
				rs.getString("reaction"), rs.getString("comment_preview"), message(rs), rs.getString("comment_id"),
				rs.getString("action_url"), Map.copyOf(this.json.readValue(rs.getString("attributes"), ATTRIBUTES)),
				rs.getString("aggregate_key"), rs.getBoolean("read"), rs.getBoolean("seen"), rs.getBoolean("archived"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	String actorsJson(List<Actor> actors) {
		return this.json.writeValueAsString(actors.stream().map(NotificationRowMapper::actorMap).toList());
	}

	String attributesJson(Map<String, String> attributes) {
		return this.json.writeValueAsString(attributes);
	}

	private List<Actor> actors(String text) {
		return this.json.readValue(text, ACTORS)
			.stream()
			.map((a) -> new Actor(a.get("id"), a.get("handle"), a.get("avatarUrl")))
			.toList();
	}

	private static Map<String, String> actorMap(Actor actor) {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		map.put("id", actor.getId());
		map.put("handle", actor.getHandle());
		map.put("avatarUrl", actor.getAvatarUrl());
		return map;
	}

	private static ContentRef content(ResultSet rs) throws SQLException {
		if (rs.getString("content_id") == null) {
			return null;
		}
		return new ContentRef(rs.getString("content_type"), rs.getString("content_id"), rs.getString("content_title"),
				rs.getString("content_url"), rs.getString("content_thumbnail_url"));
	}

	private static MessageText message(ResultSet rs) throws SQLException {
		String title = rs.getString("message_title");
		return (title != null) ? new MessageText(title, rs.getString("message_body")) : null;
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
