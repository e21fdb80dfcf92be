/**
 * Tracing across Herald's own Kafka plumbing: observation on the services' own Kafka
 * listener containers, and the W3C {@code traceparent} a change carries from the store's
 * batch through its outbox to the gateways.
 */
package dev.herald.support.tracing;
