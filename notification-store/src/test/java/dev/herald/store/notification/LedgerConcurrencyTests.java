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
 * Parallel readers, deleters and new events on one user: the counter must equal a
 * {@code COUNT(*)} at the end, and the seqs must be 1..N without gaps.
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
