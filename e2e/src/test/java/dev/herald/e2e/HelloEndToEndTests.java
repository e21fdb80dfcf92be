package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.herald.devstack.HeraldServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections that open together get their {@code hello} from the real store through the
 * gateway's batched lookup ({@code POST /v1/notifications/unread-count:batch}, each user
 * named by their own token): every {@code hello} carries exactly what the store's own
 * {@code GET /v1/notifications/unread-count} says for that user.
 */
class HelloEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int USERS = 40;

	private final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	@Test
	void connectionsOpeningTogetherGetTheirOwnSeqAndUnreadCountFromTheStore() throws Exception {
		List<String> users = IntStream.range(0, USERS).mapToObj((i) -> "hello-" + i + "-" + UUID.randomUUID()).toList();
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			for (int n = 0; n < i % 4; n++) {
				events.add(reaction(users.get(i)));
			}
		}
		Api.Response accepted = this.ingest.post("/v1/events:batch", Map.of("events", events));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		for (int i = 0; i < USERS; i++) {
			String user = users.get(i);
			int expected = i % 4;
			await().atMost(TIMEOUT).until(() -> unreadCount(user).path("unreadCount").asInt() == expected);
		}
		double batchesBefore = batchCalls();

		List<PushSession> sessions = new ArrayList<>();
		try (ExecutorService opening = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<PushSession>> opened = users.stream()
				.map((user) -> opening.submit(() -> PushSession.open(user)))
				.toList();
			for (Future<PushSession> session : opened) {
				sessions.add(session.get());
			}
		}
		try {
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(sessions)
					.allSatisfy((session) -> assertThat(session.frames("hello")).hasSize(1)));
			for (int i = 0; i < USERS; i++) {
				JsonNode hello = sessions.get(i).frames("hello").getFirst();
				JsonNode store = unreadCount(users.get(i));
				assertThat(hello.get("seq").asLong()).as("seq of %s", users.get(i))
					.isEqualTo(store.get("seq").asLong());
				assertThat(hello.get("unreadCount").asInt()).as("unread count of %s", users.get(i))
					.isEqualTo(store.get("unreadCount").asInt())
					.isEqualTo(i % 4);
			}
			assertThat(batchCalls() - batchesBefore).as("batched lookups for %d connections", USERS)
				.isBetween(1.0, (double) USERS);
		}
		finally {
			sessions.forEach(PushSession::close);
		}
	}

	private static JsonNode unreadCount(String user) {
		return new Api(HeraldServices.STORE_PORT, Herald.tokens.user(user)).get("/v1/notifications/unread-count")
			.json();
	}

	/** Calls of the batched lookup the store has served so far. */
	private static double batchCalls() {
		return BenchmarkGateway.scrape(Herald.url(HeraldServices.STORE_PORT))
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{")
					&& line.contains("uri=\"/v1/notifications/unread-count:batch\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static Map<String, Object> reaction(String owner) {
		return Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED", "occurredAt",
				Instant.now().toString(), "recipientId", owner, "actor",
				Map.of("id", "fan-" + UUID.randomUUID(), "handle", "fan"), "content",
				Map.of("type", "artwork", "id", "art-" + UUID.randomUUID(), "title", "Hello"), "reaction", "👋");
	}

}
