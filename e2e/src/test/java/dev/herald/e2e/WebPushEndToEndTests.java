package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.herald.devstack.HeraldServices;
import dev.herald.testinfra.TestPushService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Web Push across the real services: a browser (played by {@link TestPushService}, which
 * stands in for its push service, verifies the VAPID signature with the key web-push
 * publishes and decrypts with the subscription's private key) subscribes through
 * web-push, its user opts reactions into Web Push in the store's preferences, and a
 * reaction sent through ingest arrives at the push service as the payload the service
 * worker shows.
 */
class WebPushEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final TestPushService push = TestPushService.start();

	private static final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	@BeforeAll
	static void startHerald() {
		Herald.stack();
		String key = new Api(HeraldServices.WEBPUSH_PORT, Herald.tokens.user("e2e-anyone"))
			.get("/v1/webpush/vapid-public-key")
			.json()
			.get("publicKey")
			.asString();
		push.expectApplicationServerKey(key);
	}

	@AfterAll
	static void stopPush() {
		push.close();
	}

	@Test
	void aReactionReachesTheSubscribedBrowserEncryptedAndSigned() {
		String owner = "u-" + UUID.randomUUID();
		TestPushService.Browser browser = push.subscribe();
		Api webPush = new Api(HeraldServices.WEBPUSH_PORT, Herald.tokens.user(owner));
		Api.Response subscribed = webPush.post("/v1/webpush/subscriptions", Map.of("endpoint", browser.endpoint(),
				"keys", Map.of("p256dh", browser.p256dh(), "auth", browser.auth())));
		assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
		Api.Response optedIn = new Api(HeraldServices.STORE_PORT, Herald.tokens.user(owner)).send("PATCH",
				"/v1/preferences/REACTION", Map.of("webPush", true));
		assertThat(optedIn.status()).as(optedIn.body()).isEqualTo(200);

		publish(reaction(owner, "Sunset", "https://art.example/artworks/42"));

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(push.received(browser)).hasSize(1));
		TestPushService.Message message = push.received(browser).get(0);
		JsonNode payload = Api.json.readTree(message.payload());
		assertThat(payload.get("title").asString()).isEqualTo("New reaction");
		assertThat(payload.get("body").asString()).contains("alice").contains("Sunset");
		assertThat(payload.get("url").asString()).isEqualTo("https://art.example/artworks/42");
		assertThat(payload.get("unreadCount").asInt()).isEqualTo(1);
		assertThat(payload.get("id").asString()).isNotBlank();
		assertThat(message.urgency()).isEqualTo("normal");
		assertThat(push.refusals()).isEmpty();
	}

	private static void publish(Map<String, Object> event) {
		Api.Response answer = ingest.post("/v1/events", event);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
	}

	private static Map<String, Object> reaction(String owner, String title, String url) {
		Map<String, Object> event = new HashMap<>();
		event.put("eventId", UUID.randomUUID().toString());
		event.put("kind", "REACTION_ADDED");
		event.put("occurredAt", Instant.now().toString());
		event.put("recipientId", owner);
		event.put("actor", Map.of("id", "u-" + UUID.randomUUID(), "handle", "alice"));
		event.put("content", Map.of("type", "artwork", "id", UUID.randomUUID().toString(), "title", title, "url", url));
		event.put("reaction", "\u2764");
		return event;
	}

}
