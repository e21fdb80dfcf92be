/**
 * Deletes old data in small batches on a schedule: notifications (through the ledger, so
 * unread counts stay exact and clients see the deletion), published changes, processed
 * event ids and spam counters.
 */
package dev.herald.store.retention;
