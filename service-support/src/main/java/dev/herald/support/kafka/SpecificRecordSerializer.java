package dev.herald.support.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.herald.schema.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any generated Avro record in single-object encoding (for dead-letter records).
 */
final class SpecificRecordSerializer implements Serializer<SpecificRecord> {

	private final Map<Class<?>, AvroSerde<SpecificRecord>> serdes = new ConcurrentHashMap<>();

	@Override
	@SuppressWarnings("unchecked")
	public byte[] serialize(String topic, SpecificRecord data) {
		if (data == null) {
			return null;
		}
		return this.serdes.computeIfAbsent(data.getClass(), (type) -> AvroSerde.of((Class<SpecificRecord>) type))
			.encode(data);
	}

}
