/**
 * The core every feature writes through: stored notifications, their rendering to
 * {@code templateKey} + {@code params}, and the per-user ledger that hands out gap-free
 * seqs, keeps the exact unread count and records each change in the outbox.
 */
package dev.herald.store.notification;
