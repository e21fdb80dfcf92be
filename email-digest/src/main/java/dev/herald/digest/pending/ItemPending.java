package dev.herald.digest.pending;

/**
 * A notification was added to or refreshed in a user's pending items.
 *
 * @param userId the user
 * @param critical whether it bypasses the digest
 */
public record ItemPending(String userId, boolean critical) {

}
