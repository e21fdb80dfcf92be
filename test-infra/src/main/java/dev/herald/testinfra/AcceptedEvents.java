package dev.herald.testinfra;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.CommentRef;
import dev.herald.schema.ContentRef;
import dev.herald.schema.EventKind;
import dev.herald.schema.MessageText;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.rules.EventRequirements;

/**
 * Every shape of event ingest accepts: each kind with its required parts
 * ({@link EventRequirements}), every optional part present or absent, the actor known or
 * anonymous (and absent where it is optional), critical or not. Each event has a
 * recipient of its own, so none depends on another. {@link #asRequest} gives the JSON
 * ingest takes.
 */
public final class AcceptedEvents {

	private AcceptedEvents() {
	}

	/** Every combination, recipients {@code <prefix>-<n>}. */
	public static List<SocialEvent> every(String prefix) {
		List<SocialEvent> events = new ArrayList<>();
		for (EventKind kind : EventKind.values()) {
			EventRequirements needs = EventRequirements.of(kind);
			for (Actor actor : actors(needs.actor())) {
				for (int optional = 0; optional < 16; optional++) {
					for (boolean critical : new boolean[] { false, true }) {
						events.add(event(prefix + "-" + events.size(), kind, needs, actor, optional, critical));
					}
				}
			}
		}
		return events;
	}

	/**
	 * The event as ingest's {@code POST /v1/events} body (absent parts left out).
	 * @param event the event
	 * @return JSON as maps, lists and strings
	 */
	public static Map<String, Object> asRequest(SocialEvent event) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("eventId", event.getEventId());
		json.put("kind", event.getKind().name());
		json.put("occurredAt", event.getOccurredAt().toString());
		json.put("recipientId", event.getRecipientId());
		if (event.getActor() != null) {
			json.put("actor", present(Map.of("id", String.valueOf(event.getActor().getId()), "handle",
					event.getActor().getHandle(), "avatarUrl", String.valueOf(event.getActor().getAvatarUrl()))));
		}
		if (event.getContent() != null) {
			ContentRef content = event.getContent();
			json.put("content", present(Map.of("type", content.getType(), "id", content.getId(), "title",
					content.getTitle(), "url", String.valueOf(content.getUrl()))));
		}
		if (event.getReaction() != null) {
			json.put("reaction", event.getReaction());
		}
		if (event.getComment() != null) {
			json.put("comment", Map.of("id", event.getComment().getId(), "preview", event.getComment().getPreview()));
		}
		if (event.getMessage() != null) {
			json.put("message", Map.of("title", event.getMessage().getTitle(), "body", event.getMessage().getBody()));
		}
		json.put("critical", event.getCritical());
		json.put("attributes", event.getAttributes());
		return json;
	}

	private static List<Actor> actors(boolean required) {
		List<Actor> actors = new ArrayList<>();
		actors.add(new Actor("fan-" + UUID.randomUUID(), "fan", "https://img.example/fan.png"));
		actors.add(new Actor(null, "someone", null));
		if (!required) {
			actors.add(null);
		}
		return actors;
	}

	/**
	 * One event; bits 0-3 of {@code optional} add the content, reaction, comment and
	 * message when they are not required anyway.
	 */
	private static SocialEvent event(String recipient, EventKind kind, EventRequirements needs, Actor actor,
			int optional, boolean critical) {
		String contentId = "art-" + UUID.randomUUID();
		return SocialEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setKind(kind)
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setRecipientId(recipient)
			.setActor(actor)
			.setContent((needs.content() || (optional & 1) != 0)
					? new ContentRef("artwork", contentId, "Sunset", "https://art.example/" + contentId, null) : null)
			.setReaction((needs.reaction() || (optional & 2) != 0) ? "🔥" : null)
			.setComment((needs.comment() || (optional & 4) != 0)
					? new CommentRef("comment-" + UUID.randomUUID(), "Lovely light") : null)
			.setMessage(
					(needs.message() || (optional & 8) != 0) ? new MessageText("Heads up", "Something happened") : null)
			.setCritical(critical)
			.setAttributes(Map.of("source", "generated"))
			.build();
	}

	/** The map without the entries whose value is "null" (absent optional fields). */
	private static Map<String, Object> present(Map<String, String> fields) {
		Map<String, Object> present = new LinkedHashMap<>();
		fields.forEach((key, value) -> {
			if (!"null".equals(value)) {
				present.put(key, value);
			}
		});
		return present;
	}

}
