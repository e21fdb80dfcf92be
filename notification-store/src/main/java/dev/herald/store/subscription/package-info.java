/**
 * Who follows which topic ({@code thread:9}, {@code creator:alice}). The store is the one
 * owner of the subscriptions: users change their own through {@code /v1/subscriptions},
 * upstream services in bulk through ingest, whose changes arrive on
 * {@code subscriptions.v1}. A topic event is fanned out to the subscribers by the
 * broadcast mechanism; erasing a user drops their subscriptions, deleting content drops
 * its topic.
 */
package dev.herald.store.subscription;
