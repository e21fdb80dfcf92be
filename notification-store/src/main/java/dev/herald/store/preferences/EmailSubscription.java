package dev.herald.store.preferences;

import dev.herald.schema.DigestFrequency;

/**
 * A user's e-mail digest state as an unsubscribe link sees it.
 *
 * @param frequency the digest frequency now
 * @param unsubscribedFrom the frequency a one-click unsubscribe turned off (what undo
 * restores), or null
 * @param locale the user's saved BCP 47 language tag, or null
 */
public record EmailSubscription(DigestFrequency frequency, DigestFrequency unsubscribedFrom, String locale) {

	public boolean canUndo() {
		return this.frequency == DigestFrequency.OFF && this.unsubscribedFrom != null;
	}

}
