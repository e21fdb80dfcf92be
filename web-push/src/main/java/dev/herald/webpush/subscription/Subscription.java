package dev.herald.webpush.subscription;

import java.time.Instant;
import java.util.UUID;

/**
 * One browser's push subscription.
 *
 * @param id the id the API names it by
 * @param userId whose it is
 * @param endpoint the push service URL messages are posted to
 * @param p256dh the browser's P-256 public key, base64url (uncompressed point)
 * @param auth the browser's 16-byte authentication secret, base64url
 * @param createdAt when it was registered; changes emitted before are not sent to it
 * @param deliveredSeq the last change of the user sent to it
 */
public record Subscription(UUID id, String userId, String endpoint, String p256dh, String auth, Instant createdAt,
		long deliveredSeq) {

}
