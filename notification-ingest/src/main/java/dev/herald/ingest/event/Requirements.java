package dev.herald.ingest.event;

import dev.herald.schema.EventKind;

/**
 * Which parts an event of a kind must carry; parts not required are optional and checked
 * when present.
 */
record Requirements(boolean actor, boolean content, boolean reaction, boolean comment, boolean message) {

	/** Nothing required: for events whose kind is unknown. */
	static final Requirements NONE = new Requirements(false, false, false, false, false);

	static Requirements of(EventKind kind) {
		return switch (kind) {
			case REACTION_ADDED, REACTION_REMOVED -> new Requirements(true, true, true, false, false);
			case COMMENT_ADDED, REPLY_ADDED -> new Requirements(true, true, false, true, false);
			case MENTION -> new Requirements(true, true, false, false, false);
			case FOLLOW -> new Requirements(true, false, false, false, false);
			case MODERATION_ACTION, SYSTEM_ANNOUNCEMENT -> new Requirements(false, false, false, false, true);
			case CONTENT_DELETED -> new Requirements(false, true, false, false, false);
			case USER_DELETED -> new Requirements(false, false, false, false, false);
		};
	}

}
