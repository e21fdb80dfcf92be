/**
 * Events reported by upstream services: the JSON API, validation and sanitising into
 * {@code SocialEvent}s, idempotency, self-action drops, publishing to
 * {@code social.events.v1}.
 */
package dev.herald.ingest.event;
