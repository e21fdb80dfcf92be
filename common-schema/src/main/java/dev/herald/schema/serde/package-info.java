/**
 * Avro single-object encoding on Kafka: marker {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint, then the binary body. Decoders know every released schema
 * version from {@code avro/history/} on the classpath.
 */
package dev.herald.schema.serde;
