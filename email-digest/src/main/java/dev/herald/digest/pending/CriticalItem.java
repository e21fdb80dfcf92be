package dev.herald.digest.pending;

/**
 * A critical notification waiting to be mailed on its own.
 *
 * @param userId the recipient
 * @param item the notification
 */
public record CriticalItem(String userId, PendingItem item) {

}
