/**
 * Users as upstream services know them: contact details to the compacted
 * {@code user-contacts.v1}, and erasure (a tombstone plus a {@code USER_DELETED} event).
 */
package dev.herald.ingest.user;
