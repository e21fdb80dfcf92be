package dev.herald.store.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.herald.schema.Actor;

/**
 * The {@code NotificationTexts} key and params of a notification: "alice, bob and 3
 * others reacted to Sunset" is {@code reaction.many} with actor1, actor2 and others.
 *
 * @param key the template key
 * @param params the values of its placeholders
 */
record Template(String key, Map<String, String> params) {

	static Template of(StoredNotification notification) {
		Map<String, String> params = new LinkedHashMap<>();
		putActors(params, notification.actors(), notification.actorCount());
		if (notification.actors().isEmpty() && notification.actorCount() > 0) {
			params.put("others", Integer.toString(notification.actorCount()));
		}
		put(params, "reaction", notification.reaction());
		put(params, "preview", notification.commentPreview());
		if (notification.content() != null) {
			put(params, "title", notification.content().getTitle());
		}
		if (notification.message() != null) {
			put(params, "messageTitle", notification.message().getTitle());
			put(params, "messageBody", notification.message().getBody());
		}
		return new Template(key(notification), params);
	}

	private static String key(StoredNotification notification) {
		return switch (notification.type()) {
			case REACTION -> "reaction." + plurality(notification);
			case COMMENT -> "comment." + plurality(notification);
			case REPLY -> "reply.one";
			case MENTION -> "mention.one";
			case FOLLOW -> "follow.one";
			case MODERATION -> "moderation.one";
			case ANNOUNCEMENT -> "announcement.one";
		};
	}

	private static String plurality(StoredNotification notification) {
		if (notification.actors().isEmpty()) {
			return "others";
		}
		int shown = Math.min(notification.actorCount(), notification.actors().size());
		if (shown < 2) {
			return "one";
		}
		return (notification.actorCount() == 2) ? "two" : "many";
	}

	private static void putActors(Map<String, String> params, List<Actor> actors, int actorCount) {
		if (!actors.isEmpty()) {
			params.put("actor1", actors.get(0).getHandle());
		}
		if (actors.size() > 1) {
			params.put("actor2", actors.get(1).getHandle());
		}
		if (actorCount > 2) {
			params.put("others", Integer.toString(actorCount - 2));
		}
	}

	private static void put(Map<String, String> params, String name, String value) {
		if (value != null) {
			params.put(name, value);
		}
	}

}
