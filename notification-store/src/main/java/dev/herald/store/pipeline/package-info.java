/**
 * Consumes {@code social.events.v1} in batches and turns each batch, in one transaction,
 * into notifications, ledger updates and outbox changes: duplicates, self-actions, muted
 * and switched-off events and floods are dropped; reactions and comments aggregate;
 * removals retract; content and user deletions erase.
 */
package dev.herald.store.pipeline;
