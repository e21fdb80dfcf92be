/**
 * The outbox relay: publishes {@code changes} rows to {@code notifications.v1} in id
 * order, woken by PostgreSQL {@code LISTEN/NOTIFY}, with one leader among the store
 * instances (a session advisory lock).
 */
package dev.herald.store.outbox;
