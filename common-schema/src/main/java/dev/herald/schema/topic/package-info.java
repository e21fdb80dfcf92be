/**
 * Every Kafka topic Herald uses, declared once with its key and value serdes.
 */
package dev.herald.schema.topic;
