package dev.herald.store.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.rules.EventRequirements;
import dev.herald.schema.rules.TopicKeys;
import dev.herald.schema.rules.WebUrls;

/**
 * Checks that a decoded event carries what its kind needs, by the rules ingest applies
 * too ({@link EventRequirements}), so that a producer publishing Avro directly meets the
 * same rules; an event that does not goes to the dead-letter topic with the returned
 * reason.
 */
final class EventValidator {

	private EventValidator() {
	}

	static Optional<String> problem(SocialEvent event) {
		List<String> problems = new ArrayList<>();
		requireText(problems, "eventId", event.getEventId());
		EventKind kind = event.getKind();
		requireRecipientOrTopic(problems, event);
		EventRequirements needs = EventRequirements.of(kind);
		if (needs.actor() && (event.getActor() == null || isBlank(event.getActor().getHandle()))) {
			problems.add("actor: required with a handle for " + kind);
		}
		if (needs.content() && (event.getContent() == null || isBlank(event.getContent().getId())
				|| isBlank(event.getContent().getType()))) {
			problems.add("content: required with a type and an id for " + kind);
		}
		if (needs.reaction() && isBlank(event.getReaction())) {
			problems.add("reaction: required for " + kind);
		}
		if (needs.comment() && (event.getComment() == null || isBlank(event.getComment().getId()))) {
			problems.add("comment: required with an id for " + kind);
		}
		if (needs.message() && (event.getMessage() == null || isBlank(event.getMessage().getTitle()))) {
			problems.add("message: required with a title for " + kind);
		}
		requireWebUrl(problems, "actionUrl", event.getActionUrl());
		if (event.getContent() != null) {
			requireWebUrl(problems, "content.url", event.getContent().getUrl());
			requireWebUrl(problems, "content.thumbnailUrl", event.getContent().getThumbnailUrl());
		}
		if (event.getActor() != null) {
			requireWebUrl(problems, "actor.avatarUrl", event.getActor().getAvatarUrl());
		}
		return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
	}

	/** Exactly one of a recipient and a topic, the rule ingest applies. */
	private static void requireRecipientOrTopic(List<String> problems, SocialEvent event) {
		String topic = event.getTopic();
		if (topic == null) {
			requireText(problems, "recipientId", event.getRecipientId());
		}
		else if (!event.getRecipientId().isEmpty()) {
			problems.add("topic: a topic event must leave recipientId empty (exactly one of recipientId and topic)");
		}
		else if (!TopicKeys.isTopicKey(topic)) {
			problems.add("topic: " + TopicKeys.RULE);
		}
		else if (!TopicKeys.allowsTopic(event.getKind())) {
			problems.add("topic: not allowed for " + event.getKind() + ", which needs a recipientId");
		}
	}

	private static void requireText(List<String> problems, String field, String value) {
		if (isBlank(value)) {
			problems.add(field + ": must not be blank");
		}
	}

	/** An optional URL: absent, or one ingest would have accepted. */
	private static void requireWebUrl(List<String> problems, String field, String value) {
		if (value != null && !WebUrls.isWebUrl(value)) {
			problems.add(field + ": must be an absolute http(s) URL of at most " + WebUrls.MAX_LENGTH + " characters");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
