package dev.herald.digest.recipients;

/**
 * A user's contact or preferences changed, so their next digest may be due at another
 * time.
 *
 * @param userId the user
 */
public record RecipientChanged(String userId) {

}
