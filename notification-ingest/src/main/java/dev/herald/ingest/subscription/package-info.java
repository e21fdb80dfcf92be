/**
 * Upstream services subscribing users to topics ({@code thread:9}, {@code creator:alice})
 * and unsubscribing them, up to 1,000 at a time: each call becomes one
 * {@code SubscriptionChange} on {@code subscriptions.v1}, which the store, the one owner
 * of the subscriptions, applies.
 */
package dev.herald.ingest.subscription;
