package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.herald.devstack.HeraldServices;
import dev.herald.devstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many connected clients lose their gateway to a {@code kill -9}; while it is down each
 * of their users gets a notification. When it is back, the clients' backoff with full
 * jitter (as in {@code herald-client.js}) spreads their reconnects over seconds, and
 * every client catches up with exactly its notification. {@code -Dherald.storm.clients}
 * sets how many (300 by default; the benchmark runs 5,000).
 */
class ReconnectStormEndToEndTests {

	private static final Logger log = LoggerFactory.getLogger(ReconnectStormEndToEndTests.class);

	private static final int BATCH = 500;

	private final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	int clients() {
		return Integer.getInteger("herald.storm.clients", 300);
	}

	@Test
	void everyClientComesBackAndCatchesUpAfterTheGatewayIsKilled() {
		int count = clients();
		List<String> users = IntStream.range(0, count).mapToObj((i) -> "storm-" + UUID.randomUUID()).toList();
		List<ResumingPushSession> clients = new ArrayList<>();
		try {
			users.forEach((user) -> clients.add(ResumingPushSession.open(user, ResumingPushSession.BROWSER)));
			await().atMost(Duration.ofMinutes(3)).until(() -> clients.stream().allMatch(ResumingPushSession::isOnline));
			ServiceProcess gateway = Herald.stack().service("push-gateway");

			Instant killed = Instant.now();
			gateway.kill();
			Map<String, String> artworks = publishOneEventPerUser(users);
			gateway.start();
			gateway.awaitHealthy(Duration.ofMinutes(3));
			Instant back = Instant.now();

			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(
						clients.stream().filter((client) -> client.notificationIds().size() != 1).count())
					.as("clients without exactly one notification (%d online)",
							clients.stream().filter(ResumingPushSession::isOnline).count())
					.isZero());
			SortedMap<Long, Integer> perSecond = reconnectsPerSecond(clients, killed, back);
			log.info("{} clients; gateway down {} ms; reconnects per second after it was healthy:\n{}", count,
					Duration.between(killed, back).toMillis(), histogram(perSecond));
			log.info("Duplicate frames before dedupe: {}",
					clients.stream().mapToInt(ResumingPushSession::duplicates).sum());

			for (int i = 0; i < count; i++) {
				assertThat(clients.get(i).delivered())
					.extracting((frame) -> frame.at("/notification/content/id").asString())
					.as("client of %s", users.get(i))
					.containsExactly(artworks.get(users.get(i)));
			}
			assertThat(perSecond.values()).as("reconnects spread by jitter")
				.allMatch((reconnects) -> reconnects < count / 2);
		}
		finally {
			clients.forEach(ResumingPushSession::close);
		}
	}

	/** Through ingest's batch endpoint; returns each user's artwork id. */
	private Map<String, String> publishOneEventPerUser(List<String> users) {
		Map<String, String> artworks = new HashMap<>();
		List<Map<String, Object>> batch = new ArrayList<>();
		for (String user : users) {
			String artwork = "art-" + UUID.randomUUID();
			artworks.put(user, artwork);
			batch.add(Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED", "occurredAt",
					Instant.now().toString(), "recipientId", user, "actor",
					Map.of("id", "fan-" + UUID.randomUUID(), "handle", "fan"), "content",
					Map.of("type", "artwork", "id", artwork, "title", "Storm"), "reaction", "⚡"));
			if (batch.size() == BATCH) {
				send(batch);
			}
		}
		send(batch);
		return artworks;
	}

	private void send(List<Map<String, Object>> batch) {
		if (!batch.isEmpty()) {
			Api.Response answer = this.ingest.post("/v1/events:batch", Map.of("events", batch));
			assertThat(answer.status()).as(answer.body()).isEqualTo(202);
			batch.clear();
		}
	}

	/**
	 * Each client's first {@code hello} after the kill, by whole seconds after the
	 * gateway was back.
	 */
	private static SortedMap<Long, Integer> reconnectsPerSecond(List<ResumingPushSession> clients, Instant killed,
			Instant back) {
		SortedMap<Long, Integer> perSecond = new TreeMap<>();
		for (ResumingPushSession client : clients) {
			client.greetings()
				.stream()
				.filter((greeting) -> greeting.isAfter(killed))
				.findFirst()
				.ifPresent((greeting) -> perSecond
					.merge(Math.floorDiv(Duration.between(back, greeting).toMillis(), 1000), 1, Integer::sum));
		}
		return perSecond;
	}

	private static String histogram(SortedMap<Long, Integer> perSecond) {
		StringBuilder text = new StringBuilder("  second  reconnects\n");
		perSecond.forEach((second, count) -> text.append(String.format("  %6d  %10d%n", second, count)));
		return text.toString();
	}

}
