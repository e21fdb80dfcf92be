package dev.herald.webpush.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.RecordCollector;
import dev.herald.testinfra.TestDatabase;
import dev.herald.testinfra.TestPushService;
import dev.herald.webpush.Changes;
import dev.herald.webpush.WebPushIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes read from a real {@code notifications.v1} reach a real push service
 * ({@link TestPushService}: VAPID verified, body decrypted with the subscription's
 * private key), and each answer of the push service is handled as RFC 8030 means it.
 */
class DeliveryTests extends WebPushIntegrationTest {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	static final TestPushService push = TestPushService.start();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	DeliveryTests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, db, push);
	}

	@AfterEach
	void everyMessageWasSignedAndEncryptedRight() {
		assertThat(push.refusals()).isEmpty();
	}

	@AfterAll
	static void stopPush() {
		push.close();
	}

	@Test
	void aNewNotificationReachesEverySubscriptionOfItsUserEncryptedAndSigned() throws Exception {
		String user = newId("user");
		TestPushService.Browser laptop = push.subscribe();
		TestPushService.Browser phone = push.subscribe();
		subscribe(user, laptop);
		subscribe(user, phone);
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 1, "n-1", 3));
		await().untilAsserted(() -> assertThat(push.received(laptop)).hasSize(1));
		await().untilAsserted(() -> assertThat(push.received(phone)).hasSize(1));
		TestPushService.Message message = push.received(laptop).get(0);
		JsonNode payload = JSON.readTree(message.payload());
		assertThat(payload.get("id").asString()).isEqualTo("n-1");
		assertThat(payload.get("title").asString()).isEqualTo("New reaction");
		assertThat(payload.get("body").asString()).isEqualTo("alice reacted \u2764 to Sunset");
		assertThat(payload.get("url").asString()).isEqualTo("https://art.example/42");
		assertThat(payload.get("unreadCount").asInt()).isEqualTo(3);
		assertThat(payload.get("critical").asBoolean()).isFalse();
		assertThat(message.urgency()).isEqualTo("normal");
		assertThat(message.ttl()).isEqualTo(86_400);
		assertThat(message.topic()).isEqualTo(DeliveryService.topic("n-1")).hasSize(32);
	}

	@Test
	void aCriticalNotificationIsUrgentAndKeptLonger() throws Exception {
		String user = newId("user");
		TestPushService.Browser browser = push.subscribe();
		subscribe(user, browser);
		kafka.send(Topics.NOTIFICATIONS, user, Changes.critical(user, 1, "n-mod", 1));
		await().untilAsserted(() -> assertThat(push.received(browser)).hasSize(1));
		TestPushService.Message message = push.received(browser).get(0);
		JsonNode payload = JSON.readTree(message.payload());
		assertThat(payload.get("title").asString()).isEqualTo("Your artwork was hidden");
		assertThat(payload.get("url").asString()).isEqualTo("https://art.example/rules#3");
		assertThat(payload.get("critical").asBoolean()).isTrue();
		assertThat(message.urgency()).isEqualTo("high");
		assertThat(message.ttl()).isEqualTo(7 * 86_400);
	}

	@Test
	void onlyChangesForTheWebPushChannelAndUnreadArePushed() throws Exception {
		String user = newId("user");
		TestPushService.Browser browser = push.subscribe();
		subscribe(user, browser);
		kafka.send(Topics.NOTIFICATIONS, user,
				Changes.change(user, 1, ChangeKind.CREATED, Changes.reaction("n-off"), false, 1));
		kafka.send(Topics.NOTIFICATIONS, user, Changes.change(user, 2, ChangeKind.READ, null, false, 0));
		var read = Changes.reaction("n-read");
		read.setRead(true);
		kafka.send(Topics.NOTIFICATIONS, user, Changes.change(user, 3, ChangeKind.UPDATED, read, true, 0));
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 4, "n-on", 1));
		await().untilAsserted(() -> assertThat(push.received(browser)).hasSize(1));
		assertThat(JSON.readTree(push.received(browser).get(0).payload()).get("id").asString()).isEqualTo("n-on");
	}

	@Test
	void theUsersLanguageComesFromTheirPreferences() throws Exception {
		String user = newId("user");
		TestPushService.Browser browser = push.subscribe();
		subscribe(user, browser);
		this.jdbc.sql("INSERT INTO webpush.user_settings (user_id, locale) VALUES (?, 'pt-BR')").param(user).update();
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 1, "n-pt", 1));
		await().untilAsserted(() -> assertThat(push.received(browser)).hasSize(1));
		JsonNode payload = JSON.readTree(push.received(browser).get(0).payload());
		assertThat(payload.get("title").asString()).isEqualTo("Nova rea\u00e7\u00e3o");
		assertThat(payload.get("body").asString()).isEqualTo("alice reagiu \u2764 a Sunset");
	}

	@Test
	void goneAtThePushServiceDeletesTheSubscription() throws Exception {
		String user = newId("user");
		TestPushService.Browser kept = push.subscribe();
		TestPushService.Browser expired = push.subscribe();
		TestPushService.Browser revoked = push.subscribe();
		subscribe(user, kept);
		subscribe(user, expired);
		subscribe(user, revoked);
		push.answer(expired, 404, null);
		push.unsubscribe(revoked);
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 1, "n-1", 1));
		await().untilAsserted(() -> assertThat(endpoints(user)).containsExactly(kept.endpoint()));
		assertThat(push.received(kept)).hasSize(1);
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 2, "n-2", 2));
		await().untilAsserted(() -> assertThat(push.received(kept)).hasSize(2));
		assertThat(push.attempts(expired)).isEqualTo(1);
		assertThat(push.attempts(revoked)).isEqualTo(1);
	}

	/**
	 * Retry-After: 1 is longer than a retry may wait (200 ms here): the later attempts
	 * and the outage retries of the record are not sent before the second has passed.
	 */
	@Test
	void tooManyRequestsIsRetriedAfterRetryAfterAndSentOnce() throws Exception {
		String user = newId("user");
		TestPushService.Browser browser = push.subscribe();
		subscribe(user, browser);
		push.answer(browser, 429, "1");
		push.answer(browser, 503, null);
		long start = System.nanoTime();
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 1, "n-1", 1));
		await().untilAsserted(() -> assertThat(push.received(browser)).hasSize(1));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for Retry-After: 1")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(push.attempts(browser)).isEqualTo(3);
	}

	@Test
	void anOutageIsRetriedUntilThePushServiceIsBackAndNeverSentTwiceToASubscriptionThatHadIt() throws Exception {
		String user = newId("user");
		TestPushService.Browser healthy = push.subscribe();
		TestPushService.Browser down = push.subscribe();
		subscribe(user, healthy);
		subscribe(user, down);
		for (int i = 0; i < 10; i++) {
			push.answer(down, 503, null);
		}
		try (RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.NOTIFICATIONS.deadLetter())) {
			kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 1, "n-1", 1));
			await().untilAsserted(() -> assertThat(push.received(down)).hasSize(1));
			assertThat(push.attempts(down)).isEqualTo(11);
			assertThat(push.received(healthy)).as("sent once although the record was processed three times").hasSize(1);
			assertThat(deadLetters.records())
				.noneMatch((record) -> user.equals(new String(record.key(), StandardCharsets.UTF_8)));
		}
	}

	@Test
	void aRedeliveredChangeIsNotSentAgain() throws Exception {
		String user = newId("user");
		TestPushService.Browser browser = push.subscribe();
		subscribe(user, browser);
		NotificationChange change = Changes.created(user, 1, "n-1", 1);
		kafka.send(Topics.NOTIFICATIONS, user, change);
		await().untilAsserted(() -> assertThat(push.received(browser)).hasSize(1));
		kafka.send(Topics.NOTIFICATIONS, user, change);
		kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, 2, "n-2", 2));
		await().untilAsserted(() -> assertThat(push.received(browser)).hasSize(2));
		assertThat(push.received(browser)).extracting((m) -> JSON.readTree(m.payload()).get("id").asString())
			.containsExactly("n-1", "n-2");
	}

	private List<String> endpoints(String user) {
		return this.jdbc.sql("SELECT endpoint FROM webpush.subscription WHERE user_id = ?")
			.param(user)
			.query(String.class)
			.list();
	}

}
