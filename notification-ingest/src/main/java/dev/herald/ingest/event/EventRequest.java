package dev.herald.ingest.event;

import java.util.Map;

import dev.herald.ingest.input.Fields;
import dev.herald.schema.rules.TopicKeys;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One event as JSON; mirrors {@code SocialEvent}. Everything is read as text so that
 * every bad field can be reported at once.
 */
@Schema(description = "An event; mirrors the SocialEvent Avro record")
record EventRequest(
		@Schema(description = "Idempotency key, e.g. a UUID; "
				+ "derived from the Idempotency-Key header when absent") String eventId,
		@Schema(description = "REACTION_ADDED, REACTION_REMOVED, COMMENT_ADDED, REPLY_ADDED, MENTION, FOLLOW, "
				+ "MODERATION_ACTION, SYSTEM_ANNOUNCEMENT, CONTENT_DELETED or USER_DELETED",
				example = "REACTION_ADDED") String kind,
		@Schema(description = "ISO-8601 with offset; the time of receipt when absent",
				example = "2026-11-22T01:00:00Z") String occurredAt,
		@Schema(description = "Who it concerns; leave it out when the event names a topic",
				example = "user-1") String recipientId,
		Actor actor, Content content,
		@Schema(description = "An emoji; required for reactions", example = "🔥") String reaction, Comment comment,
		Message message, Boolean critical, Map<String, String> attributes,
		@Schema(description = "The absolute http(s) URL the notification opens, e.g. the comment itself; "
				+ "clients fall back to content.url when absent", maxLength = Fields.MAX_URL_LENGTH,
				example = "https://art.example/1#comment-9") String actionUrl,
		@Schema(description = "A topic key <type>:<id> instead of recipientId (exactly one of the two): every "
				+ "subscriber of the topic but the actor gets the event; not for USER_DELETED",
				pattern = TopicKeys.PATTERN, example = "thread:9") String topic) {

	/** Who did it; a null id means anonymous. */
	record Actor(String id, String handle, String avatarUrl) {

	}

	/** What it was about. */
	record Content(@Schema(example = "artwork") String type, String id, String title, String url, String thumbnailUrl) {

	}

	/** The comment of a COMMENT_ADDED or REPLY_ADDED event. */
	record Comment(String id, @Schema(description = "Plain text; cut to 100 characters") String preview) {

	}

	/** Text of announcements and moderation notices. */
	record Message(String title, String body) {

	}

}
