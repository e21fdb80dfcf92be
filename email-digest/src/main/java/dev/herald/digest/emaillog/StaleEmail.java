package dev.herald.digest.emaillog;

import java.util.UUID;

/**
 * An e-mail whose log row stopped changing while it was queued or sending: its instance
 * presumably died.
 *
 * @param digestId the e-mail
 * @param userId its recipient user
 * @param status {@code QUEUED} (no attempt was in flight) or {@code SENDING}
 */
public record StaleEmail(UUID digestId, String userId, DeliveryStatus status) {

}
