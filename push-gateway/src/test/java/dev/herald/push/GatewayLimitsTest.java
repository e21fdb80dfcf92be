package dev.herald.push;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import dev.herald.schema.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The protections, with small limits. */
@TestPropertySource(properties = { "herald.push.max-connections=4", "herald.push.max-sessions-per-user=2",
		"herald.push.max-pending-frames=16", "herald.push.outbound-buffer-bytes=65536",
		"herald.push.send-time-limit=2s", "herald.push.inbound-per-second=1", "herald.push.inbound-burst=3",
		"herald.push.max-inbound-message-bytes=1024", "herald.push.store-concurrency=2",
		"herald.push.auth.max-waiting=2" })
class GatewayLimitsTest extends GatewayTestSupport {

	private final List<TestSocket> sockets = new ArrayList<>();

	final MeterRegistry meters;

	GatewayLimitsTest(NotificationsListener feed, SessionRegistry registry, MeterRegistry meters) {
		super(feed, registry);
		this.meters = meters;
	}

	@AfterEach
	void closeAll() {
		this.sockets.forEach(TestSocket::close);
		await().untilAsserted(() -> assertThat(this.registry.connections()).isZero());
	}

	@Test
	void answers503WithRetryAfterWhenTheInstanceIsFull() {
		IntStream.range(0, 4).forEach((i) -> this.sockets.add(connectLive(newUser())));

		WebSocketHandshakeException refused = TestSocket.refusal(ws(), TOKENS.user(newUser()));

		assertThat(refused.getResponse().statusCode()).isEqualTo(503);
		assertThat(refused.getResponse().headers().firstValue("Retry-After")).contains("5");
	}

	@Test
	void connectionsWaitingForTheirAuthFrameAreCappedAndCountTowardsTheInstancesCapacity() {
		this.sockets.add(TestSocket.connect(ws(), null));
		this.sockets.add(TestSocket.connect(ws(), null));
		await().until(() -> this.meters.get("herald.push.auth.waiting").gauge().value() == 2);

		WebSocketHandshakeException anonymous = TestSocket.refusal(ws(), null);
		assertThat(anonymous.getResponse().statusCode()).isEqualTo(503);
		assertThat(anonymous.getResponse().headers().firstValue("Retry-After")).contains("1");

		this.sockets.add(connectLive(newUser()));
		this.sockets.add(connectLive(newUser()));
		WebSocketHandshakeException full = TestSocket.refusal(ws(), TOKENS.user(newUser()));
		assertThat(full.getResponse().statusCode()).isEqualTo(503);
	}

	@Test
	void answers503WithRetryAfterUntilTheNotificationsFeedIsPositioned() {
		this.feed.stop();
		try {
			await().until(() -> !this.feed.isReady());

			WebSocketHandshakeException refused = TestSocket.refusal(ws(), TOKENS.user(newUser()));

			assertThat(refused.getResponse().statusCode()).isEqualTo(503);
			assertThat(refused.getResponse().headers().firstValue("Retry-After")).contains("1");
		}
		finally {
			this.feed.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(this.feed::isReady);
		this.sockets.add(connectLive(newUser()));
	}

	@Test
	void theHelloLookupsOfAConnectionRampWaitInTheGatewayAndGoToTheStoreTogether() {
		CountDownLatch held = store.holdStates();
		List<TestSocket> ramp = IntStream.range(0, 4)
			.mapToObj((i) -> track(TestSocket.connect(ws(), TOKENS.user(newUser()))))
			.toList();

		// two calls (store-concurrency) in flight with one lookup each; the other two
		// wait
		await().untilAsserted(() -> assertThat(store.mostStatesInFlight()).isEqualTo(2));
		await().untilAsserted(
				() -> assertThat(this.meters.get("herald.push.store.hello.waiting").gauge().value()).isEqualTo(2));
		await().during(Duration.ofMillis(500)).untilAsserted(() -> assertThat(store.mostStatesInFlight()).isEqualTo(2));
		held.countDown();

		await().untilAsserted(() -> assertThat(ramp).allSatisfy((socket) -> {
			assertThat(socket.frames("hello")).hasSize(1);
			assertThat(socket.closeCode()).isNull();
		}));
		assertThat(store.mostStatesInFlight()).isEqualTo(2);
		assertThat(store.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
	}

	@Test
	void closesTheOldestSessionOfAUserBeyondTheLimit() {
		String user = newUser();
		TestSocket oldest = track(connectLive(user));
		TestSocket middle = track(connectLive(user));

		TestSocket newest = track(connectLive(user));

		await().untilAsserted(() -> assertThat(oldest.closeCode()).isEqualTo(4003));
		assertThat(middle.closeCode()).isNull();
		assertThat(newest.closeCode()).isNull();
	}

	@Test
	void cutsOffAClientThatStopsReadingWithoutGrowingTheHeap() {
		String user = newUser();
		TestSocket slow = track(TestSocket.connectPaused(ws(), TOKENS.user(user)));
		slow.send("{\"type\":\"resume\"}");
		await().until(() -> this.registry.connections() == 1);
		await().until(() -> store.requestsOf(user).size() == 1);
		long heapBefore = usedHeapAfterGc();
		String padding = "x".repeat(64 * 1024);
		int frames = 300;

		for (int seq = 1; seq <= frames && this.registry.connections() == 1; seq++) {
			kafka.send(Topics.NOTIFICATIONS, user, Changes.created(user, seq, seq, padding));
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> this.registry.connections() == 0);
		assertThat(this.meters.counter("herald.push.disconnects", "reason", "slow_consumer").count()).isPositive();
		long pushedBytes = (long) frames * padding.length();
		assertThat(usedHeapAfterGc() - heapBefore).isLessThan(pushedBytes / 2);
	}

	@Test
	void closesAConnectionThatSendsAnOversizedMessage() {
		TestSocket socket = track(connectLive(newUser()));

		socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2048) + "\"}");

		await().untilAsserted(() -> assertThat(socket.closeCode()).isEqualTo(1009));
	}

	@Test
	void dropsMessagesAboveTheInboundRate() {
		TestSocket socket = track(TestSocket.connect(ws(), TOKENS.user(newUser())));
		awaitHello(socket);

		IntStream.range(0, 10).forEach((i) -> socket.send("{\"type\":\"ping\"}"));

		await().untilAsserted(
				() -> assertThat(socket.frames("pong").size() + socket.frames("error").size()).isEqualTo(10));
		assertThat(socket.frames("pong").size()).isBetween(3, 5);
		assertThat(socket.frames("error")).allMatch((error) -> error.get("code").asString().equals("rate_limited"));
	}

	private TestSocket track(TestSocket socket) {
		this.sockets.add(socket);
		return socket;
	}

	private static long usedHeapAfterGc() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
