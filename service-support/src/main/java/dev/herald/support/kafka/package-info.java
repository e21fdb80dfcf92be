/**
 * Kafka wiring from the topic catalogue: consumers that never die on a bad record (it
 * goes to the topic's dead-letter topic with the reason in headers), idempotent producers
 * with {@code acks=all}.
 */
package dev.herald.support.kafka;
