/**
 * Batched, scheduled, localized e-mail digests with one-click unsubscribe: settings,
 * meters, the clock and the Kafka listener factories shared by the feature packages.
 */
package dev.herald.digest;
