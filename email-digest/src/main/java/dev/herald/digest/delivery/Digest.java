package dev.herald.digest.delivery;

import java.util.List;
import java.util.UUID;

import dev.herald.digest.emaillog.DigestKind;
import dev.herald.digest.pending.PendingItem;
import dev.herald.digest.recipients.Recipient;

/**
 * A claimed e-mail: its intent is in the log and its items are reserved for it.
 *
 * @param id the digest id
 * @param kind digest or critical
 * @param recipient who gets it
 * @param items the notifications it contains, newest first
 * @param mail its rendered content
 */
public record Digest(UUID id, DigestKind kind, Recipient recipient, List<PendingItem> items, ComposedMail mail) {

	public List<String> itemIds() {
		return this.items.stream().map(PendingItem::notificationId).toList();
	}

}
