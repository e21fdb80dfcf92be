/**
 * System announcements to all known users, a list of users, or users with a contact
 * attribute, now or at a set time. A scheduler (safe with several instances) claims due
 * broadcasts, numbers their recipients once, and publishes one
 * {@code SYSTEM_ANNOUNCEMENT} event per recipient to {@code social.events.v1} in batches,
 * advancing a stored cursor only after Kafka acknowledged the batch. Event ids are
 * derived from (broadcast, recipient), so a batch published again after a crash is
 * dropped by the pipeline as a duplicate: every recipient is notified once.
 */
package dev.herald.store.broadcast;
