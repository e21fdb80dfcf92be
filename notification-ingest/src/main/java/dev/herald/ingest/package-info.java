/**
 * HTTP entry for upstream services: validates and sanitises events and publishes them as
 * Avro to {@code social.events.v1}, and contact details to {@code user-contacts.v1}.
 */
package dev.herald.ingest;
