/**
 * Wiring every Herald service shares, so each service writes only its own logic: JWT
 * resource-server decoding, Kafka factories with dead-letter topics, RFC 9457 errors.
 */
package dev.herald.support;
