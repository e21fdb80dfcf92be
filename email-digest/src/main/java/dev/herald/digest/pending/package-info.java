/**
 * Pending digest items: the notifications of {@code notifications.v1} a user may get by
 * e-mail and has not read yet.
 */
package dev.herald.digest.pending;
