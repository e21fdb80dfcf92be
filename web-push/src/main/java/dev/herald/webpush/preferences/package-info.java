/**
 * What the service keeps of {@code user-preferences.v1}: each user's language, for the
 * texts of their pushes; a tombstone (the user was erased) deletes their subscriptions.
 */
package dev.herald.webpush.preferences;
