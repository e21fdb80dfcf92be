package dev.herald.push.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.ContentRef;
import dev.herald.schema.MessageText;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.text.NotificationTexts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns {@link NotificationChange} records into the {@code notification} and
 * {@code state} frames of the protocol, the same JSON the store's change feed serves.
 */
public final class ChangeFrames {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private ChangeFrames() {
	}

	public static LiveChange live(NotificationChange change) {
		return live(change, -1);
	}

	/**
	 * A live change read from {@code notifications.v1}.
	 * @param publishedAtMillis the record's timestamp (epoch milliseconds), -1 if unknown
	 */
	public static LiveChange live(NotificationChange change, long publishedAtMillis) {
		return new LiveChange(change.getUserId(), change.getSeq(), change.getOccurredAt(), publishedAtMillis,
				frame(change));
	}

	/** The frame of a change, the notification's {@code text} not yet rendered. */
	public static ObjectNode frame(NotificationChange change) {
		ObjectNode frame = JSON.objectNode();
		boolean content = change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED;
		frame.put("type", content ? "notification" : "state");
		frame.put("seq", change.getSeq());
		String name = ((change.getStateChange() != null) ? change.getStateChange().name() : change.getKind().name());
		frame.put("change", name.toLowerCase(Locale.ROOT));
		if (content && change.getNotification() != null) {
			frame.set("notification", notification(change.getNotification()));
		}
		else {
			ArrayNode ids = frame.putArray("ids");
			change.getNotificationIds().forEach(ids::add);
		}
		frame.put("unreadCount", change.getUnreadCount());
		frame.put("unseenCount", change.getUnseenCount());
		return frame;
	}

	/**
	 * A copy of a frame whose notification {@code text} is rendered in {@code locale};
	 * frames without a notification are returned as they are.
	 */
	public static ObjectNode localized(ObjectNode frame, Locale locale) {
		JsonNode notification = frame.get("notification");
		if (!(notification instanceof ObjectNode object) || !object.hasNonNull("templateKey")) {
			return frame;
		}
		Map<String, String> params = new HashMap<>();
		object.path("params").properties().forEach((entry) -> params.put(entry.getKey(), entry.getValue().asString()));
		// shallow copies of the two nodes that change; the rest is shared, never modified
		ObjectNode localizedNotification = JSON.objectNode();
		localizedNotification.setAll(object);
		localizedNotification.put("text",
				NotificationTexts.render(object.get("templateKey").asString(), params, locale));
		ObjectNode copy = JSON.objectNode();
		copy.setAll(frame);
		copy.set("notification", localizedNotification);
		return copy;
	}

	private static ObjectNode notification(Notification notification) {
		ObjectNode node = JSON.objectNode();
		node.put("id", notification.getId());
		node.put("type", notification.getType().name());
		node.set("content", content(notification.getContent()));
		ArrayNode actors = node.putArray("actors");
		notification.getActors().forEach((actor) -> actors.add(actor(actor)));
		node.put("actorCount", notification.getActorCount());
		node.put("reaction", notification.getReaction());
		node.put("commentPreview", notification.getCommentPreview());
		node.set("message", message(notification.getMessage()));
		node.put("templateKey", notification.getTemplateKey());
		ObjectNode params = node.putObject("params");
		notification.getParams().forEach(params::put);
		node.putNull("text");
		node.put("createdAt", notification.getCreatedAt().toString());
		node.put("updatedAt", notification.getUpdatedAt().toString());
		node.put("read", notification.getRead());
		node.put("critical", notification.getCritical());
		node.put("seen", notification.getSeen());
		node.put("archived", notification.getArchived());
		node.put("commentId", notification.getCommentId());
		node.put("actionUrl", notification.getActionUrl());
		ObjectNode attributes = node.putObject("attributes");
		notification.getAttributes().forEach(attributes::put);
		return node;
	}

	private static JsonNode content(ContentRef content) {
		if (content == null) {
			return JSON.nullNode();
		}
		return JSON.objectNode()
			.put("type", content.getType())
			.put("id", content.getId())
			.put("title", content.getTitle())
			.put("url", content.getUrl())
			.put("thumbnailUrl", content.getThumbnailUrl());
	}

	private static ObjectNode actor(Actor actor) {
		return JSON.objectNode()
			.put("id", actor.getId())
			.put("handle", actor.getHandle())
			.put("avatarUrl", actor.getAvatarUrl());
	}

	private static JsonNode message(MessageText message) {
		if (message == null) {
			return JSON.nullNode();
		}
		return JSON.objectNode().put("title", message.getTitle()).put("body", message.getBody());
	}

}
