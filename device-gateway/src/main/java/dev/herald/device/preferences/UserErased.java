package dev.herald.device.preferences;

/**
 * The user was erased upstream (a tombstone on {@code user-preferences.v1}): forget
 * everything about them.
 *
 * @param userId the user
 */
public record UserErased(String userId) {

}
