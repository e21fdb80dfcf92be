/**
 * The inbox REST API of the signed-in user ({@code /v1/notifications}): pages, single
 * notifications, read state, deletion, the unread count and the change feed clients
 * resume from. Every state change goes through the ledger, so it gets a seq and reaches
 * {@code notifications.v1} through the outbox.
 */
package dev.herald.store.inbox;
