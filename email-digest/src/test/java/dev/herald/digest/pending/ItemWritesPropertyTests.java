package dev.herald.digest.pending;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll's pending-item writes reduced by {@link ItemWrites} leave the same rows as the
 * writes applied one by one, in their order, on any rows there were before.
 */
class ItemWritesPropertyTests {

	private static final List<String> USERS = List.of("ana", "bo", "cy");

	private static final List<String> IDS = List.of("n1", "n2", "n3", "n4");

	@Property(tries = 500)
	void reducedWritesLeaveTheRowsOfTheWritesInTurn(@ForAll("existing") Map<List<String>, String> before,
			@ForAll("writes") List<Write> writes) {
		Map<List<String>, String> inTurn = new HashMap<>(before);
		ItemWrites reduced = new ItemWrites();
		for (Write write : writes) {
			write.applyTo(inTurn);
			write.addTo(reduced);
		}
		Table table = new Table(before);
		reduced.writeTo(table);

		assertThat(table.rows).isEqualTo(inTurn);
	}

	@Provide
	Arbitrary<Map<List<String>, String>> existing() {
		return Arbitraries
			.maps(Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(IDS)).as(List::of),
					Arbitraries.of("old-a", "old-b"))
			.ofMaxSize(8);
	}

	@Provide
	Arbitrary<List<Write>> writes() {
		Arbitrary<Write> upsert = Combinators
			.combine(Arbitraries.of(USERS), Arbitraries.of(IDS), Arbitraries.of("t1", "t2", "t3"))
			.as(Upsert::new);
		Arbitrary<Write> delete = Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(IDS).list().ofMaxSize(3))
			.as(Delete::new);
		Arbitrary<Write> deleteAll = Arbitraries.of(USERS).map(DeleteAll::new);
		return Arbitraries.frequencyOf(Tuple.of(5, upsert), Tuple.of(4, delete), Tuple.of(1, deleteAll))
			.list()
			.ofMaxSize(20);
	}

	sealed interface Write permits Upsert, Delete, DeleteAll {

		void applyTo(Map<List<String>, String> rows);

		void addTo(ItemWrites writes);

	}

	record Upsert(String user, String id, String template) implements Write {

		@Override
		public void applyTo(Map<List<String>, String> rows) {
			rows.put(List.of(this.user, this.id), this.template);
		}

		@Override
		public void addTo(ItemWrites writes) {
			writes.upsert(this.user, item(this.id, this.template));
		}

	}

	record Delete(String user, List<String> ids) implements Write {

		@Override
		public void applyTo(Map<List<String>, String> rows) {
			this.ids.forEach((id) -> rows.remove(List.of(this.user, id)));
		}

		@Override
		public void addTo(ItemWrites writes) {
			writes.delete(this.user, this.ids);
		}

	}

	record DeleteAll(String user) implements Write {

		@Override
		public void applyTo(Map<List<String>, String> rows) {
			rows.keySet().removeIf((key) -> key.get(0).equals(this.user));
		}

		@Override
		public void addTo(ItemWrites writes) {
			writes.deleteAll(this.user);
		}

	}

	private static PendingItem item(String id, String template) {
		return new PendingItem(id, template, Map.of(), null, null, null, Map.of(), false, Instant.EPOCH, Instant.EPOCH);
	}

	/** The rows as the three statements would leave them; each may run once at most. */
	private static final class Table implements ItemWrites.Target {

		private final Map<List<String>, String> rows;

		private final List<String> statements = new ArrayList<>();

		Table(Map<List<String>, String> rows) {
			this.rows = new HashMap<>(rows);
		}

		@Override
		public void deleteAllOf(Collection<String> userIds) {
			once("deleteAllOf");
			this.rows.keySet().removeIf((key) -> userIds.contains(key.get(0)));
		}

		@Override
		public void deleteAll(List<String> userIds, List<String> notificationIds) {
			once("deleteAll");
			for (int i = 0; i < userIds.size(); i++) {
				this.rows.remove(List.of(userIds.get(i), notificationIds.get(i)));
			}
		}

		@Override
		public void upsertAll(List<ItemWrites.Upsert> upserts) {
			once("upsertAll");
			assertThat(upserts.stream().map((u) -> List.of(u.userId(), u.item().notificationId())))
				.doesNotHaveDuplicates();
			upserts
				.forEach((u) -> this.rows.put(List.of(u.userId(), u.item().notificationId()), u.item().templateKey()));
		}

		private void once(String statement) {
			assertThat(this.statements).doesNotContain(statement);
			this.statements.add(statement);
		}

	}

}
