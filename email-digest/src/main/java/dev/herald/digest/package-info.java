/**
 * Batched, scheduled, localized e-mail digests with one-click unsubscribe.
 */
package dev.herald.digest;
