package dev.herald.schema.rules;

import dev.herald.schema.EventKind;

/**
 * Which parts a {@code SocialEvent} of a kind must carry, the one rule book of ingest
 * (which refuses an event without them) and of the store (which dead-letters one
 * published to Kafka directly without them). Parts not required are optional; anything
 * present is checked by whoever reads it.
 *
 * @param actor who did it ({@code actor.handle} at least; no {@code actor.id} means
 * anonymous)
 * @param content what it was about ({@code content.type} and {@code content.id})
 * @param reaction the emoji
 * @param comment the comment ({@code comment.id} and its preview)
 * @param message the text of moderation notices and announcements
 */
public record EventRequirements(boolean actor, boolean content, boolean reaction, boolean comment, boolean message) {

	/** Nothing required: for events whose kind is unknown. */
	public static final EventRequirements NONE = new EventRequirements(false, false, false, false, false);

	public static EventRequirements of(EventKind kind) {
		return switch (kind) {
			case REACTION_ADDED, REACTION_REMOVED -> new EventRequirements(true, true, true, false, false);
			case COMMENT_ADDED, REPLY_ADDED -> new EventRequirements(true, true, false, true, false);
			case MENTION -> new EventRequirements(true, true, false, false, false);
			case FOLLOW -> new EventRequirements(true, false, false, false, false);
			case MODERATION_ACTION, SYSTEM_ANNOUNCEMENT -> new EventRequirements(false, false, false, false, true);
			case CONTENT_DELETED -> new EventRequirements(false, true, false, false, false);
			case USER_DELETED -> new EventRequirements(false, false, false, false, false);
		};
	}

}
