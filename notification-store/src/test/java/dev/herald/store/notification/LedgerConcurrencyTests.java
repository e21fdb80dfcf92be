package dev.herald.store.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Parallel readers, deleters, archivers and new events on the same users: the counters
 * must equal a {@code COUNT(*)} at the end, and the seqs must be 1..N without gaps.
 */
class LedgerConcurrencyTests extends StoreIntegrationTest {

	private static final int INITIAL = 40;

	private static final int ARRIVING = 60;

	LedgerConcurrencyTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void unreadCountStaysExactAndSeqGapFreeUnderConcurrentWriters() throws Exception {
		String user = newUser();
		for (int i = 0; i < INITIAL; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
		}
		await().untilAsserted(() -> assertThat(ids(user)).hasSize(INITIAL));
		List<String> ids = ids(user);
		Http http = http(user);
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<?>> work = new ArrayList<>();
			work.add(pool.submit(() -> arrive(user)));
			work.add(pool.submit(() -> toggle(http, ids, "/v1/notifications/read")));
			work.add(pool.submit(() -> toggle(http, ids, "/v1/notifications/unread")));
			work.add(pool.submit(() -> deleteSome(http, ids)));
			for (Future<?> future : work) {
				future.get();
			}
		}
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM processed_events p WHERE p.event_id LIKE ?", user + "%"))
					.isEqualTo(ARRIVING));
		int unread = count("SELECT count(*) FROM notifications WHERE user_id = ? AND NOT read", user);
		assertThat(unreadCounter(user)).isEqualTo(unread);
		assertThat(http.get("/v1/notifications/unread-count").body().get("unreadCount").asInt()).isEqualTo(unread);
		long seq = count("SELECT seq FROM user_state WHERE user_id = ?", user);
		assertThat(count("SELECT count(*) FROM changes WHERE user_id = ?", user)).isEqualTo(seq);
		assertThat(
				count("SELECT count(DISTINCT seq) FROM changes WHERE user_id = ? AND seq BETWEEN 1 AND ?", user, seq))
			.isEqualTo(seq);
	}

	@Test
	void unreadAndUnseenCountsStayExactWhenTwoSessionsReadSeeAndArchiveWhileEventsArrive() throws Exception {
		List<String> users = List.of(newUser(), newUser(), newUser());
		for (String user : users) {
			for (int i = 0; i < 20; i++) {
				send((i % 2 == 0) ? Events.follow(user, "f" + i + "-" + UUID.randomUUID())
						: Events.reaction(user, "r" + i + "-" + UUID.randomUUID(), "art" + (i % 3), "❤"));
			}
		}
		await()
			.untilAsserted(() -> assertThat(users).allSatisfy((user) -> assertThat(ids(user)).hasSizeGreaterThan(10)));
		try (ExecutorService pool = Executors.newFixedThreadPool(7)) {
			List<Future<?>> work = new ArrayList<>();
			for (String user : users) {
				List<String> ids = ids(user);
				work.add(pool.submit(() -> arriveMixed(user)));
				work.add(pool.submit(() -> actAtRandom(http(user), ids)));
				work.add(pool.submit(() -> actAtRandom(http(user), ids)));
			}
			for (Future<?> future : work) {
				future.get();
			}
		}
		await().untilAsserted(() -> assertThat(users).allSatisfy((user) -> assertThat(
				count("SELECT count(*) FROM processed_events p WHERE p.event_id LIKE ?", "mixed-" + user + "%"))
			.isEqualTo(ARRIVING)));
		for (String user : users) {
			int unread = count("SELECT count(*) FROM notifications WHERE user_id = ? AND NOT read AND NOT archived",
					user);
			int unseen = count("SELECT count(*) FROM notifications WHERE user_id = ? AND NOT seen AND NOT archived",
					user);
			var counts = http(user).get("/v1/notifications/unread-count").body();
			assertThat(counts.get("unreadCount").asInt()).as("unread of %s", user).isEqualTo(unread);
			assertThat(counts.get("unseenCount").asInt()).as("unseen of %s", user).isEqualTo(unseen);
			await().untilAsserted(() -> {
				var last = published(user).getLast();
				assertThat(last.getSeq()).isEqualTo(counts.get("seq").asLong());
				assertThat(last.getUnreadCount()).isEqualTo(unread);
				assertThat(last.getUnseenCount()).isEqualTo(unseen);
			});
		}
	}

	private void arriveMixed(String user) {
		for (int i = 0; i < ARRIVING; i++) {
			String actor = "m" + i + "-" + UUID.randomUUID();
			var event = (i % 2 == 0) ? Events.follow(user, actor) : Events.reaction(user, actor, "art" + (i % 3), "🔥");
			event.setEventId("mixed-" + user + "-" + i);
			send(event);
		}
	}

	private static void actAtRandom(Http http, List<String> ids) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 40; i++) {
			List<String> some = List.of(pick(ids), pick(ids));
			String id = pick(ids);
			int status = switch (random.nextInt(9)) {
				case 0 -> http.postIds("/v1/notifications/read", some).status();
				case 1 -> http.postIds("/v1/notifications/unread", some).status();
				case 2 -> http.postIds("/v1/notifications/seen", some).status();
				case 3 -> http.post("/v1/notifications/seen", null).status();
				case 4 -> http.postIds("/v1/notifications/archive", some).status();
				case 5 -> http.post("/v1/notifications/archive", java.util.Map.of("type", "REACTION")).status();
				case 6 -> http.post("/v1/notifications/" + id + "/unarchive", null).status();
				case 7 -> http.post("/v1/notifications/" + id + "/archive", null).status();
				default -> http.delete("/v1/notifications/" + id).status();
			};
			assertThat(status).isIn(200, 204, 404);
		}
	}

	private void arrive(String user) {
		for (int i = 0; i < ARRIVING; i++) {
			String actor = "a" + i + "-" + UUID.randomUUID();
			send(Events.base(dev.herald.schema.EventKind.FOLLOW, user)
				.setEventId(user + "-" + i)
				.setActor(Events.actor(actor))
				.build());
		}
	}

	private static void toggle(Http http, List<String> ids, String path) {
		for (int i = 0; i < 30; i++) {
			List<String> some = List.of(pick(ids), pick(ids), pick(ids));
			assertThat(http.postIds(path, some).status()).isEqualTo(200);
		}
	}

	private static void deleteSome(Http http, List<String> ids) {
		for (int i = 0; i < 15; i++) {
			assertThat(http.delete("/v1/notifications/" + pick(ids)).status()).isIn(204, 404);
		}
		assertThat(http.post("/v1/notifications/read-all", null).status()).isEqualTo(200);
	}

	private static String pick(List<String> ids) {
		return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
	}

	private List<String> ids(String user) {
		return this.jdbc.sql("SELECT id::text FROM notifications WHERE user_id = ?")
			.param(user)
			.query(String.class)
			.list();
	}

}
