/**
 * HTTP entry for upstream services: validates and sanitises events and publishes them as Avro to social.events.v1.
 */
package dev.herald.ingest;
