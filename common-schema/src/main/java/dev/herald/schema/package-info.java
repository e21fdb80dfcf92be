/**
 * The contracts between Herald's services: Avro types generated from
 * {@code src/main/avro}, the Kafka serde that writes them in Avro single-object encoding,
 * the topic catalogue, notification texts and the unsubscribe token scheme.
 */
package dev.herald.schema;
