package dev.herald.store.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids of notifications stored one after another sort in that order the way PostgreSQL
 * compares {@code uuid} (byte by byte), whatever the clock does.
 */
class TimeOrderedIdsTests {

	@Property(tries = 200)
	void idsIssuedOneAfterAnotherSortInThatOrder(
			@ForAll @Size(min = 2, max = 6000) List<@IntRange(min = -3, max = 2) Integer> clockSteps) {
		TimeOrderedIds generator = new TimeOrderedIds();
		long millis = 1_780_000_000_000L;
		List<UUID> ids = new ArrayList<>();
		for (int step : clockSteps) {
			millis += step;
			ids.add(generator.nextId(Instant.ofEpochMilli(millis)));
		}
		for (int i = 1; i < ids.size(); i++) {
			assertThat(compareAsPostgres(ids.get(i - 1), ids.get(i))).as("id %d after id %d", i, i - 1).isNegative();
		}
		assertThat(ids).allSatisfy((id) -> {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
		});
	}

	@Property(tries = 50)
	void anIdCarriesItsMillisecondUnlessAThousandsAreIssuedInIt(@ForAll @IntRange(min = 1, max = 1000) int count) {
		TimeOrderedIds generator = new TimeOrderedIds();
		Instant now = Instant.ofEpochMilli(1_790_000_000_000L + count);
		for (int i = 0; i < count; i++) {
			UUID id = generator.nextId(now);
			assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
		}
	}

	private static int compareAsPostgres(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

}
