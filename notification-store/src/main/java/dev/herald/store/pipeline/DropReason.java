package dev.herald.store.pipeline;

import java.util.Locale;
import java.util.Optional;

import dev.herald.schema.NotificationType;
import dev.herald.schema.SocialEvent;
import dev.herald.store.preferences.Preferences;

/**
 * Why an event did not become a notification; each is counted in
 * {@code herald.store.pipeline.dropped{reason}}.
 */
enum DropReason {

	/** The event id was applied before. */
	DUPLICATE,
	/** The actor is the recipient. */
	SELF,
	/** The recipient muted the actor. */
	MUTED_ACTOR,
	/** The recipient muted the content. */
	MUTED_CONTENT,
	/** The recipient turned the type off in-app. */
	TYPE_OFF,
	/** The actor exceeded the hourly limit for this recipient. */
	SPAM,
	/** A removal or deletion found nothing to remove. */
	NOTHING_TO_REMOVE;

	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The preference-based reason to drop an event, if any. Critical events bypass muting
	 * and per-type switches.
	 */
	static Optional<DropReason> of(SocialEvent event, NotificationType type, Preferences preferences) {
		String actorId = (event.getActor() != null) ? event.getActor().getId() : null;
		if (actorId != null && actorId.equals(event.getRecipientId())) {
			return Optional.of(SELF);
		}
		if (event.getCritical()) {
			return Optional.empty();
		}
		if (preferences.mutesActor(actorId)) {
			return Optional.of(MUTED_ACTOR);
		}
		if (preferences.mutesContent(event.getContent())) {
			return Optional.of(MUTED_CONTENT);
		}
		return preferences.inApp(type) ? Optional.empty() : Optional.of(TYPE_OFF);
	}

}
