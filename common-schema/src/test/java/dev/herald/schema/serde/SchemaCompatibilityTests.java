package dev.herald.schema.serde;

import java.util.List;
import java.util.stream.Stream;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.UserContact;
import dev.herald.schema.UserPreferences;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every current schema must read data written with each released version (backward) and
 * every released version must read data written with the current one (forward), so
 * producers and consumers can be upgraded in any order. A failure here is an incompatible
 * schema change: make it compatible (new fields need defaults) instead.
 */
class SchemaCompatibilityTests {

	static Stream<Schema> currentSchemas() {
		return Stream.of(SocialEvent.getClassSchema(), NotificationChange.getClassSchema(),
				UserPreferences.getClassSchema(), UserContact.getClassSchema(), SubscriptionChange.getClassSchema());
	}

	@ParameterizedTest
	@MethodSource("currentSchemas")
	void isBackwardAndForwardCompatibleWithItsWholeHistory(Schema current) {
		List<Schema> history = SchemaHistory.versionsOf(current.getName());
		assertThat(history).as("released versions of " + current.getName()).isNotEmpty();
		for (Schema released : history) {
			assertThat(problems(current, released)).as("current %s reading released data", current.getName()).isEmpty();
			assertThat(problems(released, current)).as("released %s reading current data", current.getName()).isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("currentSchemas")
	void isItselfReleased(Schema current) {
		List<Schema> history = SchemaHistory.versionsOf(current.getName());
		Schema latest = history.get(history.size() - 1);
		assertThat(SchemaNormalization.parsingFingerprint64(latest))
			.as("%s changed: add it to avro/history/%s/ as v%d.avsc", current.getName(), current.getName(),
					history.size())
			.isEqualTo(SchemaNormalization.parsingFingerprint64(current));
	}

	@Test
	void detectsAnIncompatibleChange() {
		Schema current = SocialEvent.getClassSchema();
		Schema withRequiredField = SchemaBuilder.record(current.getName())
			.namespace(current.getNamespace())
			.fields()
			.requiredString("eventId")
			.requiredString("tenant")
			.endRecord();
		assertThat(problems(withRequiredField, current)).isNotEmpty();
	}

	private static List<String> problems(Schema reader, Schema writer) {
		var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
		if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
			return List.of();
		}
		return result.getIncompatibilities()
			.stream()
			.map((i) -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
			.toList();
	}

}
