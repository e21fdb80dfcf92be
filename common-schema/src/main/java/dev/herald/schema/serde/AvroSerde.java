package dev.herald.schema.serde;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SystemLimitException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.LoggerFactory;

/**
 * Kafka serde for one generated Avro type, in Avro single-object encoding. Reads every
 * writer version listed by {@link SchemaHistory}. Stateless after construction and safe
 * to share between threads. {@code null} stays {@code null} both ways (tombstones).
 * <p>
 * Input that is not a record of this type fails with a {@link SerializationException}
 * that names the problem, so {@code ErrorHandlingDeserializer} can route it to a
 * dead-letter topic.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

	static final int HEADER_LENGTH = 10;

	/**
	 * Longest string or byte field a Herald record may hold; Kafka's own limit is 1 MiB.
	 */
	static final int MAX_FIELD_BYTES = 8 * 1024 * 1024;

	static {
		// A corrupt length prefix must not make the decoder allocate gigabytes (Avro's
		// default limit is 2 GiB); an operator may still set these properties themselves.
		limitUnlessSet(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_FIELD_BYTES);
		limitUnlessSet(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_FIELD_BYTES);
		limitUnlessSet(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, 1_000_000);
		rereadAvroLimits();
		// Avro 1.12.2 resolves a schema's name to a class only for classes it trusts: add
		// Herald's generated records and enums (this package's parent), and nothing else.
		ClassSecurityValidator.setGlobal(
				ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), AvroSerde::isHeraldSchemaClass));
	}

	private static final String SCHEMA_PACKAGE = "dev.herald.schema";

	private static final HexFormat HEX = HexFormat.of();

	private final Schema schema;

	private final SchemaStore.Cache store = new SchemaStore.Cache();

	private final BinaryMessageEncoder<T> encoder;

	private final BinaryMessageDecoder<T> decoder;

	private AvroSerde(Class<T> type) {
		SpecificData model = SpecificData.getForClass(type);
		this.schema = model.getSchema(type);
		this.store.addSchema(this.schema);
		SchemaHistory.versionsOf(this.schema.getName()).forEach(this.store::addSchema);
		this.encoder = new BinaryMessageEncoder<>(model, this.schema);
		this.decoder = new BinaryMessageDecoder<>(model, this.schema, this.store);
	}

	public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
		return new AvroSerde<>(type);
	}

	public Schema schema() {
		return this.schema;
	}

	/**
	 * The writer versions this serde can read: the current schema and every released one.
	 */
	public List<Schema> readableVersions() {
		return SchemaHistory.versionsOf(this.schema.getName());
	}

	public byte[] encode(T value) {
		try {
			ByteBuffer buffer = this.encoder.encode(value);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException ex) {
			throw new SerializationException("Cannot encode " + this.schema.getName() + ": " + ex.getMessage(), ex);
		}
	}

	public T decode(byte[] data) {
		checkHeader(data);
		try {
			return this.decoder.decode(data);
		}
		catch (IOException | RuntimeException ex) {
			// Garbage can fail anywhere inside Avro: limits, bounds, enum indexes,
			// unions.
			throw new SerializationException("Truncated or corrupt " + this.schema.getName() + " body (" + data.length
					+ " bytes): " + deepestMessage(ex), ex);
		}
	}

	private void checkHeader(byte[] data) {
		if (data.length < HEADER_LENGTH) {
			throw new SerializationException("Truncated " + this.schema.getName() + " record: " + data.length
					+ " bytes, single-object encoding needs at least " + HEADER_LENGTH);
		}
		if (data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
			throw new SerializationException("Not Avro single-object encoding: expected marker C3 01, found "
					+ HEX.formatHex(data, 0, 2).toUpperCase());
		}
		long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		if (this.store.findByFingerprint(fingerprint) == null) {
			throw new SerializationException("Unknown writer schema fingerprint " + HEX.formatHex(data, 2, 10) + " for "
					+ this.schema.getName() + "; known: " + knownFingerprints());
		}
	}

	private String knownFingerprints() {
		return Stream.concat(Stream.of(this.schema), readableVersions().stream())
			.map((known) -> HEX.toHexDigits(Long.reverseBytes(SchemaNormalization.parsingFingerprint64(known))))
			.distinct()
			.toList()
			.toString();
	}

	private static String deepestMessage(Throwable ex) {
		String message = ex.getMessage();
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				message = cause.getMessage();
			}
		}
		return message;
	}

	/**
	 * Avro reads its limits once, when {@link SystemLimitException} is initialised, which
	 * parsing a schema may already have done; its package-private {@code resetLimits()}
	 * reads them again.
	 */
	private static void rereadAvroLimits() {
		try {
			Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
			reset.setAccessible(true);
			reset.invoke(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			LoggerFactory.getLogger(AvroSerde.class)
				.warn("Cannot apply Avro field limits ({}); set -D{}={} at JVM start", ex.toString(),
						SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_FIELD_BYTES);
		}
	}

	static boolean isHeraldSchemaClass(Class<?> type) {
		return SCHEMA_PACKAGE.equals(type.getPackageName())
				&& (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
	}

	private static void limitUnlessSet(String property, int limit) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, Integer.toString(limit));
		}
	}

	@Override
	public byte[] serialize(String topic, T data) {
		return (data != null) ? encode(data) : null;
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		return (data != null) ? decode(data) : null;
	}

	@Override
	public Serializer<T> serializer() {
		return this;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		// configured by construction: one serde per generated type
	}

	@Override
	public void close() {
		// nothing to release: the serde is shared and stateless
	}

}
