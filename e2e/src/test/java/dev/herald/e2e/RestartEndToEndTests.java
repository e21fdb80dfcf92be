package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.devstack.HeraldServices;
import dev.herald.devstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each service is restarted in turn while events keep coming: every owner still ends with
 * every notification exactly once in the inbox, in every tab (after its dedupe) and on
 * the player, and with the right unread count.
 */
class RestartEndToEndTests {

	private static final Logger log = LoggerFactory.getLogger(RestartEndToEndTests.class);

	private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

	private static final List<String> RESTART_ORDER = List.of("notification-store", "push-gateway", "device-gateway",
			"email-digest", "notification-ingest");

	private final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

	private final Deque<Map<String, Object>> backlog = new ArrayDeque<>();

	private final AtomicInteger generated = new AtomicInteger();

	@Test
	void restartingEachServiceDuringAStreamLosesNothingAndShowsNothingTwice() throws Exception {
		List<String> owners = List.of(user(), user(), user());
		List<ResumingPushSession> tabs = new ArrayList<>();
		List<Player> players = new ArrayList<>();
		owners.forEach((owner) -> this.sent.put(owner, new AtomicInteger()));
		try {
			for (String owner : owners) {
				players.add(Player.subscribe(registerPlayer(owner)));
				tabs.add(ResumingPushSession.open(owner));
			}
			ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
			stream.scheduleWithFixedDelay(() -> publishNext(owners), 0, 300, TimeUnit.MILLISECONDS);
			for (String name : RESTART_ORDER) {
				ServiceProcess service = Herald.stack().service(name);
				service.close();
				service.start();
				service.awaitHealthy(RESTART_TIMEOUT);
				log.info("{} restarted; sent so far {}", name, this.sent);
			}
			stream.shutdown();
			assertThat(stream.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofMinutes(1)).until(this::backlogAccepted);

			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> everyOwnerHasEverythingOnce(owners, tabs, players));
			log.info("Duplicate frames before the tabs' dedupe: {}",
					tabs.stream().map(ResumingPushSession::duplicates).toList());
		}
		finally {
			tabs.forEach(ResumingPushSession::close);
			players.forEach(Player::close);
		}
	}

	private void everyOwnerHasEverythingOnce(List<String> owners, List<ResumingPushSession> tabs,
			List<Player> players) {
		for (int i = 0; i < owners.size(); i++) {
			String owner = owners.get(i);
			int expected = this.sent.get(owner).get();
			Set<String> inbox = inboxIds(owner);
			assertThat(inbox).as("inbox of %s", owner).hasSize(expected);
			assertThat(
					new Api(HeraldServices.STORE_PORT, Herald.tokens.user(owner)).get("/v1/notifications/unread-count")
						.json()
						.path("unreadCount")
						.asInt())
				.isEqualTo(expected);
			List<String> shown = tabs.get(i)
				.delivered()
				.stream()
				.filter((frame) -> frame.path("type").asString().equals("notification"))
				.map((frame) -> frame.at("/notification/id").asString())
				.toList();
			assertThat(shown).as("tab of %s", owner).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inbox);
			Set<String> onPlayer = new HashSet<>(
					players.get(i).notifications().stream().map((message) -> message.path("id").asString()).toList());
			assertThat(onPlayer).as("player of %s", owner).isEqualTo(inbox);
		}
	}

	/**
	 * Like an upstream service: a new event every tick; events ingest could not take (it
	 * is restarting) wait in order and are sent again, with the same id, on the next
	 * tick.
	 */
	private void publishNext(List<String> owners) {
		int n = this.generated.getAndIncrement();
		String owner = owners.get(n % owners.size());
		this.backlog.add(Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED", "occurredAt",
				Instant.now().toString(), "recipientId", owner, "actor", Map.of("id", user(), "handle", "fan" + n),
				"content", Map.of("type", "artwork", "id", "art-" + n, "title", "Piece " + n), "reaction", "🎨"));
		backlogAccepted();
	}

	private synchronized boolean backlogAccepted() {
		while (!this.backlog.isEmpty() && accepted(this.backlog.peek())) {
			this.sent.get((String) this.backlog.poll().get("recipientId")).incrementAndGet();
		}
		return this.backlog.isEmpty();
	}

	private boolean accepted(Map<String, Object> event) {
		try {
			return this.ingest.post("/v1/events", event).status() == 202;
		}
		catch (RuntimeException unavailable) {
			return false;
		}
	}

	private static Set<String> inboxIds(String owner) {
		Api store = new Api(HeraldServices.STORE_PORT, Herald.tokens.user(owner));
		Set<String> ids = new HashSet<>();
		String cursor = null;
		do {
			JsonNode page = store.get("/v1/notifications?limit=100" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.json();
			page.path("items").forEach((item) -> ids.add(item.path("id").asString()));
			cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
					: page.path("nextCursor").asString();
		}
		while (cursor != null);
		return ids;
	}

	private static String registerPlayer(String owner) {
		String key = "r" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = new Api(HeraldServices.DEVICE_PORT, Herald.tokens.user(owner)).put("/v1/devices/" + key,
				Map.of("name", "shelf", "enabled", true, "minIntervalSeconds", 0));
		assertThat(created.status()).as(created.body()).isIn(200, 201);
		return key;
	}

	private static String user() {
		return "e2e-" + UUID.randomUUID();
	}

}
