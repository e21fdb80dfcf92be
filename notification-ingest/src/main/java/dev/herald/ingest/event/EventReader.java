package dev.herald.ingest.event;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.regex.Pattern;

import dev.herald.ingest.IngestProperties;
import dev.herald.ingest.input.Fields;
import dev.herald.ingest.input.TextRule;
import dev.herald.schema.Actor;
import dev.herald.schema.CommentRef;
import dev.herald.schema.ContentRef;
import dev.herald.schema.EventKind;
import dev.herald.schema.MessageText;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.rules.EventRequirements;
import dev.herald.schema.rules.TopicKeys;

import org.springframework.stereotype.Component;

/**
 * Checks one {@link EventRequest} and turns it into a sanitised {@link SocialEvent};
 * every problem goes to the {@link Fields} under the event's path prefix.
 */
@Component
class EventReader {

	static final TextRule HANDLE = TextRule.line(64, true);

	static final TextRule TITLE = TextRule.line(200, false);

	static final TextRule PREVIEW = TextRule.line(100, true);

	static final TextRule MESSAGE_TITLE = TextRule.line(200, true);

	static final TextRule MESSAGE_BODY = TextRule.lines(2000, true);

	static final int MAX_REACTION = 32;

	private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

	private final Duration maxClockSkew;

	private final Duration maxEventAge;

	EventReader(IngestProperties properties) {
		this.maxClockSkew = properties.maxClockSkew();
		this.maxEventAge = properties.maxEventAge();
	}

	/**
	 * The event, or {@code null} when it has problems.
	 * @param prefix path of the event in the request, e.g. {@code events[3].}
	 * @param derivedId the id from the {@code Idempotency-Key}, used when the event has
	 * none
	 */
	SocialEvent read(Fields fields, String prefix, EventRequest request, String derivedId) {
		int before = fields.count();
		EventKind kind = kind(fields, prefix + "kind", request.kind());
		EventRequirements needs = (kind != null) ? EventRequirements.of(kind) : EventRequirements.NONE;
		String why = "for " + kind + " events";
		// The constructor does not check for nulls: the event is only returned when
		// every field was fine.
		SocialEvent event = new SocialEvent(eventId(fields, prefix + "eventId", request.eventId(), derivedId), kind,
				occurredAt(fields, prefix + "occurredAt", request.occurredAt()), recipientId(fields, prefix, request),
				actor(fields, prefix + "actor", request.actor(), needs.actor(), why),
				content(fields, prefix + "content", request.content(), needs.content(), why),
				fields.text(prefix + "reaction", request.reaction(), TextRule.line(MAX_REACTION, needs.reaction())),
				comment(fields, prefix + "comment", request.comment(), needs.comment(), why),
				message(fields, prefix + "message", request.message(), needs.message(), why),
				Boolean.TRUE.equals(request.critical()), fields.attributes(prefix + "attributes", request.attributes()),
				fields.url(prefix + "actionUrl", request.actionUrl()), topic(fields, prefix, request, kind));
		return (fields.count() == before) ? event : null;
	}

	/** The recipient, or empty for a topic event (exactly one of the two). */
	private static String recipientId(Fields fields, String prefix, EventRequest request) {
		if (request.topic() == null) {
			return fields.id(prefix + "recipientId", request.recipientId(), true);
		}
		if (request.recipientId() != null) {
			fields.add(prefix + "recipientId",
					"must be absent when topic is set (exactly one of recipientId and topic)");
		}
		return "";
	}

	private static String topic(Fields fields, String prefix, EventRequest request, EventKind kind) {
		String topic = request.topic();
		if (topic == null) {
			return null;
		}
		if (!TopicKeys.isTopicKey(topic)) {
			fields.add(prefix + "topic", TopicKeys.RULE);
		}
		else if (kind != null && !TopicKeys.allowsTopic(kind)) {
			fields.add(prefix + "topic", "is not allowed for " + kind + " events, which need a recipientId");
		}
		return topic;
	}

	private static EventKind kind(Fields fields, String path, String value) {
		try {
			return EventKind.valueOf(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			fields.add(path, (value == null) ? "is required" : "must be one of " + Arrays.toString(EventKind.values()));
			return null;
		}
	}

	private static String eventId(Fields fields, String path, String value, String derivedId) {
		if (value == null && derivedId == null) {
			fields.add(path, "is required (or send an Idempotency-Key header)");
		}
		return (value != null) ? fields.id(path, value, true) : derivedId;
	}

	private Instant occurredAt(Fields fields, String path, String value) {
		Instant now = Instant.now();
		if (value == null) {
			return now.truncatedTo(ChronoUnit.MILLIS);
		}
		try {
			Instant at = OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MILLIS);
			if (at.isAfter(now.plus(this.maxClockSkew))) {
				fields.add(path, "is more than " + this.maxClockSkew + " in the future");
			}
			else if (at.isBefore(now.minus(this.maxEventAge))) {
				fields.add(path, "is more than " + this.maxEventAge + " in the past");
			}
			return at;
		}
		catch (DateTimeParseException ex) {
			fields.add(path, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-22T01:00:00Z");
			// A placeholder the SocialEvent constructor accepts; the event is discarded.
			return Instant.EPOCH;
		}
	}

	private static Actor actor(Fields fields, String path, EventRequest.Actor json, boolean required, String why) {
		if (!fields.present(path, json, required, why)) {
			return null;
		}
		return new Actor(fields.id(path + ".id", json.id(), false),
				fields.text(path + ".handle", json.handle(), HANDLE),
				fields.url(path + ".avatarUrl", json.avatarUrl()));
	}

	private static ContentRef content(Fields fields, String path, EventRequest.Content json, boolean required,
			String why) {
		if (!fields.present(path, json, required, why)) {
			return null;
		}
		String type = fields.id(path + ".type", json.type(), true);
		if (type != null && !CONTENT_TYPE.matcher(type).matches()) {
			fields.add(path + ".type", "must be a lower-case word of at most 32 characters, e.g. artwork or blog_post");
		}
		String title = fields.text(path + ".title", json.title(), TITLE);
		return new ContentRef(type, fields.id(path + ".id", json.id(), true), (title != null) ? title : "",
				fields.url(path + ".url", json.url()), fields.url(path + ".thumbnailUrl", json.thumbnailUrl()));
	}

	private static CommentRef comment(Fields fields, String path, EventRequest.Comment json, boolean required,
			String why) {
		if (!fields.present(path, json, required, why)) {
			return null;
		}
		return new CommentRef(fields.id(path + ".id", json.id(), true),
				fields.text(path + ".preview", json.preview(), PREVIEW));
	}

	private static MessageText message(Fields fields, String path, EventRequest.Message json, boolean required,
			String why) {
		if (!fields.present(path, json, required, why)) {
			return null;
		}
		return new MessageText(fields.text(path + ".title", json.title(), MESSAGE_TITLE),
				fields.text(path + ".body", json.body(), MESSAGE_BODY));
	}

}
