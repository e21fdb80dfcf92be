package dev.herald.schema.topic;

import java.util.Objects;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A Kafka topic with the serdes of its keys and values.
 *
 * @param name the topic name
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 * @param compacted whether the topic is log-compacted (latest value per key, tombstones
 * erase)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

	/**
	 * Suffix of the dead-letter topic that receives a topic's undecodable or invalid
	 * records.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	public Topic {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(keySerde, "keySerde");
		Objects.requireNonNull(valueSerde, "valueSerde");
	}

	/** The dead-letter topic: the failed record's original bytes plus error headers. */
	public Topic<byte[], byte[]> deadLetter() {
		return new Topic<>(this.name + DEAD_LETTER_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false);
	}

}
