package dev.herald.digest.recipients;

/**
 * A user was erased (tombstone on {@code user-contacts.v1}): forget what is kept about
 * them.
 *
 * @param userId the user
 */
public record RecipientErased(String userId) {

}
