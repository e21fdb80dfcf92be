package dev.herald.ingest.input;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyTests {

	@Test
	void derivedIdsAreStableVersion5UuidsScopedByCallerAndIndex() {
		IdempotencyKey key = IdempotencyKey.of(new Fields(), "order-42", "shop");
		UUID id = UUID.fromString(key.eventId());
		assertThat(id.version()).isEqualTo(5);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(key.eventId()).isEqualTo(IdempotencyKey.of(new Fields(), "order-42", "shop").eventId());
		assertThat(key.eventId()).isNotEqualTo(IdempotencyKey.of(new Fields(), "order-42", "blog").eventId());
		assertThat(key.eventId(0)).isNotEqualTo(key.eventId(1)).isNotEqualTo(key.eventId());
	}

	@Test
	void badHeaderIsAProblem() {
		Fields fields = new Fields();
		assertThat(IdempotencyKey.of(fields, "tab\there", "shop")).isNull();
		assertThat(IdempotencyKey.of(fields, "", "shop")).isNull();
		assertThat(fields.problems()).extracting((problem) -> problem.field())
			.containsExactly("Idempotency-Key", "Idempotency-Key");
		assertThat(IdempotencyKey.of(fields, null, "shop")).isNull();
	}

}
