package dev.herald.push;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.KafkaBroker;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway on a random port, reading the shared embedded Kafka broker and calling the
 * stub store over HTTP. Subclasses with the same configuration share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "herald.push.store-page-size=3", "herald.push.resume-wait=2s" })
abstract class GatewayTestSupport {

	static final DevTokens TOKENS = new DevTokens("herald-dev-secret-change-me-0123456789abcdef", "herald-dev",
			"herald");

	static final StubStore store = StubStore.shared();

	static final KafkaBroker kafka = KafkaBroker.shared();

	@LocalServerPort
	int port;

	final NotificationsListener feed;

	final SessionRegistry registry;

	protected GatewayTestSupport(NotificationsListener feed, SessionRegistry registry) {
		this.feed = feed;
		this.registry = registry;
	}

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		kafka.registerProperties(registry);
		registry.add("herald.push.store-url", () -> store.uri().toString());
	}

	@BeforeEach
	void feedIsReading() {
		await().atMost(Duration.ofSeconds(30)).until(this.feed::isReady);
	}

	static String newUser() {
		return "user-" + UUID.randomUUID();
	}

	URI ws() {
		return URI.create("ws://localhost:" + this.port + "/v1/ws");
	}

	/** As the store does: record the change, then publish it on notifications.v1. */
	static void publish(NotificationChange change) {
		store.append(change);
		kafka.send(Topics.NOTIFICATIONS, change.getUserId(), change);
	}

	/** A connection that received hello and asked for live changes from there. */
	TestSocket connectLive(String userId) {
		TestSocket socket = TestSocket.connect(ws(), TOKENS.user(userId));
		awaitHello(socket);
		socket.send("{\"type\":\"resume\"}");
		return socket;
	}

	static void awaitHello(TestSocket socket) {
		await().untilAsserted(() -> assertThat(socket.frames("hello")).hasSize(1));
	}

}
