package dev.herald.schema.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.schema.Samples;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.UserContact;
import dev.herald.schema.UserPreferences;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTests {

	private final AvroSerde<SocialEvent> events = AvroSerde.of(SocialEvent.class);

	static Stream<SpecificRecord> everySchema() {
		return Stream.of(Samples.socialEvent(), Samples.notificationChange(), Samples.userPreferences(),
				Samples.userContact());
	}

	@ParameterizedTest
	@MethodSource("everySchema")
	@SuppressWarnings("unchecked")
	<T extends SpecificRecord> void roundTripsEverySchema(T record) {
		AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
		byte[] bytes = serde.serializer().serialize("t", record);
		assertThat(bytes[0]).isEqualTo((byte) 0xC3);
		assertThat(bytes[1]).isEqualTo((byte) 0x01);
		assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(record);
	}

	@Test
	void keepsTombstonesNull() {
		assertThat(this.events.serialize("t", null)).isNull();
		assertThat(this.events.deserialize("t", null)).isNull();
	}

	@Test
	void readsRecordsWrittenWithTheOlderSchemaVersion() throws IOException {
		Schema v0 = SchemaHistory.versionsOf("SocialEvent").get(0);
		assertThat(v0.getField("attributes")).isNull();
		GenericRecord old = new GenericData.Record(v0);
		SocialEvent current = Samples.socialEvent();
		for (Schema.Field field : v0.getFields()) {
			old.put(field.name(), GenericData.get().deepCopy(field.schema(), current.get(field.name())));
		}
		old.put("occurredAt", current.getOccurredAt().toEpochMilli());
		old.put("kind", new GenericData.EnumSymbol(v0.getField("kind").schema(), "COMMENT_ADDED"));
		ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v0).encode(old);

		SocialEvent read = this.events.decode(toArray(written));

		assertThat(read.getEventId()).isEqualTo(current.getEventId());
		assertThat(read.getComment().getPreview()).isEqualTo("Lovely colours");
		assertThat(read.getOccurredAt()).isEqualTo(current.getOccurredAt());
		assertThat(read.getAttributes()).isEmpty();
	}

	@Test
	void refusesAWrongMarker() {
		byte[] bytes = this.events.encode(Samples.socialEvent());
		bytes[0] = '{';
		assertThatThrownBy(() -> this.events.decode(bytes)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("expected marker C3 01");
	}

	@Test
	void refusesTooFewBytesForAHeader() {
		assertThatThrownBy(() -> this.events.decode(new byte[] { (byte) 0xC3, 0x01, 1, 2 }))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("Truncated SocialEvent record: 4 bytes");
	}

	@Test
	void refusesAnUnknownFingerprint() {
		byte[] bytes = this.events.encode(Samples.socialEvent());
		bytes[5] ^= 0x5A;
		assertThatThrownBy(() -> this.events.decode(bytes)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("Unknown writer schema fingerprint");
	}

	@Test
	void refusesATruncatedBody() {
		byte[] bytes = this.events.encode(Samples.socialEvent());
		byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
		assertThatThrownBy(() -> this.events.decode(cut)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("Truncated or corrupt SocialEvent body");
	}

	@Test
	void refusesAnotherSchemasRecord() {
		byte[] contact = AvroSerde.of(UserContact.class).encode(Samples.userContact());
		assertThatThrownBy(() -> this.events.decode(contact)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("Unknown writer schema fingerprint");
	}

	@Test
	void neverThrowsAnythingButSerializationExceptionOnGarbage() {
		java.util.Random random = new java.util.Random(42);
		SocialEvent fixed = SocialEvent.newBuilder(Samples.socialEvent())
			.setOccurredAt(java.time.Instant.parse("2026-11-22T00:00:00Z"))
			.build();
		byte[] valid = this.events.encode(fixed);
		for (int i = 0; i < 5_000; i++) {
			byte[] mutated = valid.clone();
			int flips = 1 + random.nextInt(4);
			for (int f = 0; f < flips; f++) {
				mutated[10 + random.nextInt(mutated.length - 10)] = (byte) random.nextInt();
			}
			try {
				this.events.decode(mutated);
			}
			catch (SerializationException expected) {
				assertThat(expected.getMessage()).isNotBlank();
			}
		}
	}

	@Test
	void refusesAHugeLengthPrefixWithoutAllocatingIt() {
		byte[] header = Arrays.copyOf(this.events.encode(Samples.socialEvent()), AvroSerde.HEADER_LENGTH);
		// eventId's length as a zig-zag varint: 1,000,000,000 bytes, far past the limit
		byte[] length = { (byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07 };
		byte[] bytes = Arrays.copyOf(header, header.length + length.length);
		System.arraycopy(length, 0, bytes, header.length, length.length);
		assertThatThrownBy(() -> this.events.decode(bytes)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("Truncated or corrupt SocialEvent body")
			.hasMessageContaining("exceeds maximum allowed");
	}

	@Test
	void listsEveryReleasedVersion() {
		assertThat(SchemaHistory.versionsOf("SocialEvent")).hasSize(4);
		assertThat(SchemaHistory.versionsOf("NotificationChange")).hasSize(3);
		for (String name : List.of("NotificationChange", "UserPreferences", "UserContact", "SubscriptionChange")) {
			assertThat(SchemaHistory.versionsOf(name)).as(name).isNotEmpty();
		}
		assertThat(AvroSerde.of(NotificationChange.class).readableVersions()).isNotEmpty();
		assertThat(AvroSerde.of(UserPreferences.class).schema().getName()).isEqualTo("UserPreferences");
	}

	/**
	 * Avro 1.12.2 decodes into a class only if it is trusted: Herald's own, nothing else.
	 */
	@Test
	void trustsHeraldsGeneratedRecordsAndEnumsOnly() {
		assertThat(AvroSerde.isHeraldSchemaClass(SocialEvent.class)).isTrue();
		assertThat(AvroSerde.isHeraldSchemaClass(NotificationType.class)).isTrue();
		assertThat(AvroSerde.isHeraldSchemaClass(Samples.class)).as("not a record").isFalse();
		assertThat(AvroSerde.isHeraldSchemaClass(java.util.ArrayList.class)).isFalse();
		assertThat(AvroSerde.isHeraldSchemaClass(AvroSerde.class)).as("another package").isFalse();
		assertThat(this.events.deserialize("t", this.events.serialize("t", Samples.socialEvent())))
			.isInstanceOf(SocialEvent.class);
	}

	private static byte[] toArray(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
