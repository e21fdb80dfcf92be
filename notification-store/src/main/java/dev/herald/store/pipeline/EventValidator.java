package dev.herald.store.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;

/**
 * Checks that a decoded event carries what its kind needs; an event that does not goes to
 * the dead-letter topic with the returned reason.
 */
final class EventValidator {

	private EventValidator() {
	}

	static Optional<String> problem(SocialEvent event) {
		List<String> problems = new ArrayList<>();
		requireText(problems, "eventId", event.getEventId());
		requireText(problems, "recipientId", event.getRecipientId());
		EventKind kind = event.getKind();
		if (needsActor(kind) && (event.getActor() == null || isBlank(event.getActor().getHandle()))) {
			problems.add("actor: required with a handle for " + kind);
		}
		if (needsContent(kind) && (event.getContent() == null || isBlank(event.getContent().getId()))) {
			problems.add("content: required with an id for " + kind);
		}
		if (kind == EventKind.REACTION_ADDED && isBlank(event.getReaction())) {
			problems.add("reaction: required for " + kind);
		}
		if ((kind == EventKind.COMMENT_ADDED || kind == EventKind.REPLY_ADDED) && event.getComment() == null) {
			problems.add("comment: required for " + kind);
		}
		if ((kind == EventKind.MODERATION_ACTION || kind == EventKind.SYSTEM_ANNOUNCEMENT)
				&& event.getMessage() == null) {
			problems.add("message: required for " + kind);
		}
		return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
	}

	private static boolean needsActor(EventKind kind) {
		return switch (kind) {
			case REACTION_ADDED, REACTION_REMOVED, COMMENT_ADDED, REPLY_ADDED, MENTION, FOLLOW -> true;
			default -> false;
		};
	}

	private static boolean needsContent(EventKind kind) {
		return switch (kind) {
			case REACTION_ADDED, REACTION_REMOVED, COMMENT_ADDED, REPLY_ADDED, MENTION, CONTENT_DELETED -> true;
			default -> false;
		};
	}

	private static void requireText(List<String> problems, String field, String value) {
		if (isBlank(value)) {
			problems.add(field + ": must not be blank");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
