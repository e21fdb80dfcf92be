/**
 * Writing to Kafka with a bounded wait: idempotent producers ({@code acks=all}), a
 * resilience4j circuit breaker, and
 * {@link dev.herald.ingest.publish.PublishUnavailableException} (answered 503 with
 * {@code Retry-After}) instead of a hang.
 */
package dev.herald.ingest.publish;
