package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.devstack.HeraldServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios across all the services on real Kafka, PostgreSQL, MQTT: what an upstream
 * service reports through ingest reaches the owner's tabs, inbox and player.
 */
class DeliveryEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	@BeforeAll
	static void startHerald() {
		Herald.stack();
	}

	@Test
	void aReactionReachesTheOwnersTabsInboxCountAndPlayerButNothingOfTheActor() {
		String owner = user();
		String actor = user();
		String key = registerPlayer(owner);
		try (Player player = Player.subscribe(key);
				PushSession tab1 = connected(owner);
				PushSession tab2 = connected(owner);
				PushSession actorTab = connected(actor)) {
			publish(reaction(owner, actor, "alice", "art-1", "🔥"));

			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (PushSession tab : List.of(tab1, tab2)) {
					assertThat(tab.frames("notification")).singleElement()
						.satisfies((frame) -> assertThat(frame.at("/notification/text").asString())
							.isEqualTo("alice reacted 🔥 to Sunset"));
				}
				assertThat(player.notifications()).singleElement()
					.satisfies((message) -> assertThat(message.path("text").asString()).contains("alice"));
			});
			assertThat(inbox(owner)).singleElement()
				.satisfies((item) -> assertThat(item.path("text").asString()).isEqualTo("alice reacted 🔥 to Sunset"));
			assertThat(store(owner).get("/v1/notifications/unread-count").json().path("unreadCount").asInt())
				.isEqualTo(1);
			assertThat(actorTab.frames("notification")).isEmpty();
			assertThat(inbox(actor)).isEmpty();
		}
	}

	@Test
	void fiveReactionsOnOneArtworkAggregateIntoOneNotificationNamingTheActors() {
		String owner = user();
		for (String handle : List.of("ana", "bruno", "chen", "dara", "eli")) {
			publish(reaction(owner, user(), handle, "art-2", "❤️"));
		}

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(inbox(owner)).singleElement().satisfies((item) -> {
			assertThat(item.path("actorCount").asInt()).isEqualTo(5);
			assertThat(item.path("text").asString()).matches("\\w+, \\w+ and 3 others reacted to Sunset");
		}));
		assertThat(store(owner).get("/v1/notifications/unread-count").json().path("unreadCount").asInt()).isEqualTo(1);
	}

	@Test
	void markingAllReadUpdatesEverySessionAndThePlayersRetainedCount() {
		String owner = user();
		String key = registerPlayer(owner);
		try (Player player = Player.subscribe(key);
				PushSession tab1 = connected(owner);
				PushSession tab2 = connected(owner)) {
			publish(reaction(owner, user(), "ana", "art-3", "👏"));
			publish(reaction(owner, user(), "bruno", "art-4", "👏"));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(player.lastUnread()).isEqualTo(2));

			assertThat(store(owner).post("/v1/notifications/read-all", Map.of()).status()).isBetween(200, 204);

			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (PushSession tab : List.of(tab1, tab2)) {
					assertThat(tab.frames("state")).anySatisfy((frame) -> {
						assertThat(frame.path("change").asString()).isEqualTo("all_read");
						assertThat(frame.path("unreadCount").asInt()).isZero();
					});
				}
				assertThat(player.lastUnread()).isZero();
			});
		}
		try (Player poweredOn = Player.subscribe(key)) {
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(poweredOn.lastUnread()).isZero());
		}
	}

	@Test
	void aCommentsLinkAndDataArriveEverywhereAndSeeingThenArchivingItReachesEveryTab() {
		String owner = user();
		String key = registerPlayer(owner);
		try (Player player = Player.subscribe(key);
				PushSession tab1 = connected(owner);
				PushSession tab2 = connected(owner)) {
			Map<String, Object> comment = event("COMMENT_ADDED", owner, user(), "zoe", "art-7");
			String commentId = "cm-" + UUID.randomUUID();
			comment.put("comment", Map.of("id", commentId, "preview", "Lovely light"));
			comment.put("actionUrl", "https://art.example/a/7#" + commentId);
			comment.put("attributes", Map.of("thread", "t-7"));
			publish(comment);

			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (PushSession tab : List.of(tab1, tab2)) {
					assertThat(tab.frames("notification")).singleElement().satisfies((frame) -> {
						assertThat(frame.at("/notification/commentId").asString()).isEqualTo(commentId);
						assertThat(frame.at("/notification/actionUrl").asString())
							.isEqualTo("https://art.example/a/7#" + commentId);
						assertThat(frame.at("/notification/attributes/thread").asString()).isEqualTo("t-7");
						assertThat(frame.path("unseenCount").asInt()).isEqualTo(1);
					});
				}
				assertThat(player.notifications()).singleElement()
					.satisfies((message) -> assertThat(message.path("url").asString())
						.isEqualTo("https://art.example/a/7#" + commentId));
			});
			JsonNode item = inbox(owner).getFirst();
			assertThat(item.path("actionUrl").asString()).isEqualTo("https://art.example/a/7#" + commentId);
			assertThat(item.path("seen").asBoolean()).isFalse();

			tab1.send("{\"type\":\"mark_seen\"}");
			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (PushSession tab : List.of(tab1, tab2)) {
					assertThat(tab.frames("state")).anySatisfy((frame) -> {
						assertThat(frame.path("change").asString()).isEqualTo("seen");
						assertThat(frame.path("unseenCount").asInt()).isZero();
						assertThat(frame.path("unreadCount").asInt()).isEqualTo(1);
					});
				}
			});
			String id = item.path("id").asString();
			assertThat(store(owner).post("/v1/notifications/" + id + "/archive", Map.of()).status()).isEqualTo(200);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (PushSession tab : List.of(tab1, tab2)) {
					assertThat(tab.frames("state")).anySatisfy((frame) -> {
						assertThat(frame.path("change").asString()).isEqualTo("archived");
						assertThat(frame.path("unreadCount").asInt()).isZero();
					});
				}
				assertThat(player.lastUnread()).isZero();
			});
			assertThat(inbox(owner)).isEmpty();
		}
	}

	@Test
	void aCommentWithMarkupArrivesEverywhereAsInertText() {
		String owner = user();
		String key = registerPlayer(owner);
		try (Player player = Player.subscribe(key); PushSession tab = connected(owner)) {
			Map<String, Object> comment = event("COMMENT_ADDED", owner, user(), "mallory", "art-5");
			comment.put("comment", Map.of("id", UUID.randomUUID().toString(), "preview",
					"<script>alert('x')</script>Nice <b>work</b>"));
			publish(comment);

			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(tab.frames("notification")).singleElement()
					.satisfies((frame) -> assertThat(frame.at("/notification/text").asString()).doesNotContain("<")
						.contains("Nice work"));
				assertThat(player.notifications()).singleElement()
					.satisfies((message) -> assertThat(message.path("text").asString()).doesNotContain("<"));
			});
			JsonNode item = inbox(owner).get(0);
			assertThat(item.path("commentPreview").asString()).isEqualTo("Nice work");
			assertThat(item.path("text").asString()).doesNotContain("<script");
		}
	}

	private static String user() {
		return "e2e-" + UUID.randomUUID();
	}

	private static Api store(String user) {
		return new Api(HeraldServices.STORE_PORT, Herald.tokens.user(user));
	}

	private static List<JsonNode> inbox(String user) {
		Api.Response page = store(user).get("/v1/notifications?limit=100");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.json().path("items").valueStream().toList();
	}

	private static String registerPlayer(String owner) {
		String key = "p" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = new Api(HeraldServices.DEVICE_PORT, Herald.tokens.user(owner)).put("/v1/devices/" + key,
				Map.of("name", "desk", "enabled", true, "minIntervalSeconds", 0));
		assertThat(created.status()).as(created.body()).isIn(200, 201);
		return key;
	}

	private static PushSession connected(String user) {
		PushSession session = PushSession.open(user);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(session.frames("hello")).isNotEmpty());
		return session;
	}

	private static void publish(Map<String, Object> event) {
		Api.Response answer = ingest.post("/v1/events", event);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
	}

	private static Map<String, Object> reaction(String owner, String actorId, String handle, String artwork,
			String emoji) {
		Map<String, Object> event = event("REACTION_ADDED", owner, actorId, handle, artwork);
		event.put("reaction", emoji);
		return event;
	}

	private static Map<String, Object> event(String kind, String owner, String actorId, String handle, String artwork) {
		Map<String, Object> event = new HashMap<>();
		event.put("eventId", UUID.randomUUID().toString());
		event.put("kind", kind);
		event.put("occurredAt", Instant.now().toString());
		event.put("recipientId", owner);
		event.put("actor", Map.of("id", actorId, "handle", handle));
		event.put("content", Map.of("type", "artwork", "id", artwork, "title", "Sunset"));
		return event;
	}

}
