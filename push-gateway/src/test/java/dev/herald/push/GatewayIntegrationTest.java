package dev.herald.push;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GatewayIntegrationTest extends GatewayTestSupport {

	private final MeterRegistry meters;

	GatewayIntegrationTest(NotificationsListener feed, SessionRegistry registry, MeterRegistry meters) {
		super(feed, registry);
		this.meters = meters;
	}

	@Test
	void deliversEachChangeToEverySessionOfItsUserAndToNoOneElse() {
		String alice = newUser();
		String bob = newUser();
		TestSocket aliceTab1 = connectLive(alice);
		TestSocket aliceTab2 = connectLive(alice);
		TestSocket bobTab = connectLive(bob);

		publish(Changes.created(alice, 1, 7));
		publish(Changes.created(bob, 1, 1));

		for (TestSocket tab : List.of(aliceTab1, aliceTab2)) {
			await().untilAsserted(() -> assertThat(tab.frames("notification")).hasSize(1));
			JsonNode frame = tab.frames("notification").getFirst();
			assertThat(frame.get("unreadCount").asInt()).isEqualTo(7);
			assertThat(frame.at("/notification/text").asString()).isEqualTo("alice reacted ❤️ to Sunset");
			assertThat(frame.at("/notification/content/title").asString()).isEqualTo("Sunset");
		}
		await().untilAsserted(() -> assertThat(bobTab.frames("notification")).hasSize(1));
		assertThat(bobTab.frames("notification").getFirst().get("unreadCount").asInt()).isEqualTo(1);
		assertThat(aliceTab1.frames("notification")).hasSize(1);
		List.of(aliceTab1, aliceTab2, bobTab).forEach(TestSocket::close);
	}

	@Test
	void helloCarriesTheStoreSeqAndUnreadCount() {
		String user = newUser();
		store.append(Changes.created(user, 1, 1));
		store.append(Changes.created(user, 2, 2));
		String token = TOKENS.user(user);

		TestSocket socket = TestSocket.connect(ws(), token);

		awaitHello(socket);
		JsonNode hello = socket.frames("hello").getFirst();
		assertThat(hello.get("seq").asLong()).isEqualTo(2);
		assertThat(hello.get("unreadCount").asInt()).isEqualTo(2);
		assertThat(hello.get("unseenCount").asInt()).isEqualTo(2);
		assertThat(store.requestsOf(user)).anySatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/v1/notifications/unread-count:batch");
			assertThat(request.authorization()).isEqualTo("Bearer " + token);
		});
		socket.close();
	}

	@Test
	void changesThatArriveWhileHelloIsOnItsWayFollowItInOrderExactlyOnce() {
		String user = newUser();
		store.append(Changes.created(user, 1, 1));
		TestSocket otherTab = connectLive(user);
		CountDownLatch held = store.holdStates();
		TestSocket socket = TestSocket.connect(ws(), TOKENS.user(user));
		socket.send("{\"type\":\"resume\"}");
		await().until(() -> store.requestsOf(user).size() == 2);

		publish(Changes.created(user, 2, 2));
		publish(Changes.created(user, 3, 3));
		// the other tab has them, so the held session's mailbox has them too
		await().untilAsserted(() -> assertThat(otherTab.seqs()).containsExactly(2L, 3L));
		assertThat(socket.frames()).isEmpty();
		held.countDown();

		await().untilAsserted(() -> assertThat(socket.frames()).hasSize(3));
		assertThat(socket.frames()).extracting((frame) -> frame.get("type").asString() + " " + frame.get("seq"))
			.containsExactly("hello 1", "notification 2", "notification 3");
		List.of(otherTab, socket).forEach(TestSocket::close);
	}

	@Test
	void aNotificationFrameSeveralTimesTomcatsFrameBufferArrivesWholeAndInOrder() {
		String user = newUser();
		TestSocket tab = connectLive(user);
		String preview = "é".repeat(1500) + "🎨".repeat(300);

		publish(Changes.created(user, 1, 1, preview));
		publish(Changes.created(user, 2, 2));

		await().untilAsserted(() -> assertThat(tab.seqs()).containsExactly(1L, 2L));
		JsonNode big = tab.frames("notification").getFirst();
		assertThat(big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(4096);
		assertThat(big.path("notification").path("commentPreview").asString()).isEqualTo(preview);
		assertThat(tab.closeCode()).isNull();
		tab.close();
	}

	@Test
	void aClientMessageLargerThanTomcatsBufferArrivesWhole() {
		String user = newUser();
		TestSocket tab = connectLive(user);
		List<String> ids = IntStream.range(0, 90).mapToObj((i) -> UUID.randomUUID().toString()).toList();
		String message = "{\"type\":\"mark_read\",\"ids\":" + JsonMapper.shared().writeValueAsString(ids) + "}";
		assertThat(message.length()).isBetween(3000, 4096);

		tab.send(message);

		await()
			.untilAsserted(() -> assertThat(store.requestsOf(user)).anySatisfy((request) -> assertThat(request.body())
				.isEqualTo("{\"ids\":" + JsonMapper.shared().writeValueAsString(ids) + "}")));
		assertThat(tab.closeCode()).isNull();
		tab.close();
	}

	@Test
	void aTokenTheStoreRejectsAtHelloClosesTheConnectionAsExpired() {
		String user = newUser();
		store.rejectTokensOf(user);

		TestSocket socket = TestSocket.connect(ws(), TOKENS.user(user));

		await().untilAsserted(() -> assertThat(socket.closeCode()).isEqualTo(4001));
		assertThat(socket.frames("hello")).isEmpty();
	}

	@Test
	void resumeSendsExactlyTheMissedChangesInOrderWhileLiveTrafficContinues() {
		String user = newUser();
		TestSocket first = connectLive(user);
		range(1, 4).forEach((seq) -> publish(Changes.created(user, seq, seq.intValue())));
		await().untilAsserted(() -> assertThat(first.seqs()).containsExactlyElementsOf(range(1, 4)));
		first.close();
		range(5, 10).forEach((seq) -> publish(Changes.created(user, seq, seq.intValue())));

		CountDownLatch catchUp = store.holdChangeFeed();
		TestSocket second = TestSocket.connect(ws(), TOKENS.user(user));
		awaitHello(second);
		second.send("{\"type\":\"resume\",\"since\":4}");
		await().untilAsserted(
				() -> assertThat(store.requestsOf(user)).anyMatch((request) -> request.path().endsWith("/changes")));
		range(11, 15).forEach((seq) -> publish(Changes.created(user, seq, seq.intValue())));
		catchUp.countDown();
		range(16, 20).forEach((seq) -> publish(Changes.created(user, seq, seq.intValue())));

		await().untilAsserted(() -> assertThat(second.seqs()).containsExactlyElementsOf(range(5, 20)));
		second.close();
	}

	@Test
	void aLiveChangeThatSkipsASeqFollowsTheMissedOneFromTheStoreAndIsCountedAsAGap() {
		String user = newUser();
		TestSocket tab = connectLive(user);
		publish(Changes.created(user, 1L, 1));
		await().untilAsserted(() -> assertThat(tab.seqs()).containsExactly(1L));
		double gapsBefore = gaps();

		store.append(Changes.created(user, 2L, 2));
		publish(Changes.created(user, 3L, 3));

		await().untilAsserted(() -> assertThat(tab.seqs()).containsExactly(1L, 2L, 3L));
		assertThat(gaps() - gapsBefore).isEqualTo(1);
		tab.close();
	}

	@Test
	void resumeBeyondTheKeptHistoryAsksForAResyncAndGoesOnLive() {
		String user = newUser();
		range(1, 5).forEach((seq) -> store.append(Changes.created(user, seq, seq.intValue())));
		store.forgetHistoryUpTo(user, 3);
		TestSocket socket = TestSocket.connect(ws(), TOKENS.user(user));
		awaitHello(socket);

		socket.send("{\"type\":\"resume\",\"since\":1}");
		await().untilAsserted(() -> assertThat(socket.frames("resync")).hasSize(1));
		publish(Changes.created(user, 6, 6));

		await().untilAsserted(() -> assertThat(socket.seqs()).containsExactly(6L));
		assertThat(socket.frames("resync").getFirst().get("seq").asLong()).isEqualTo(5);
		socket.close();
	}

	@Test
	void markReadGoesThroughTheStoreAndEveryTabSeesTheResultingState() {
		String user = newUser();
		TestSocket tab1 = connectLive(user);
		TestSocket tab2 = connectLive(user);

		String id = java.util.UUID.randomUUID().toString();
		tab1.send("{\"type\":\"mark_read\",\"ids\":[\"" + id + "\"]}");
		tab1.send("{\"type\":\"mark_all_read\"}");
		await().untilAsserted(() -> assertThat(store.requestsOf(user)).anySatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/v1/notifications/read");
			assertThat(request.body()).isEqualTo("{\"ids\":[\"" + id + "\"]}");
		}).anyMatch((request) -> request.path().equals("/v1/notifications/read-all")));
		publish(Changes.allRead(user, 1));

		for (TestSocket tab : List.of(tab1, tab2)) {
			await().untilAsserted(() -> assertThat(tab.frames("state")).singleElement().satisfies((state) -> {
				assertThat(state.get("change").asString()).isEqualTo("all_read");
				assertThat(state.get("unreadCount").asInt()).isZero();
			}));
		}
		List.of(tab1, tab2).forEach(TestSocket::close);
	}

	@Test
	void markSeenGoesThroughTheStoreAndEveryTabGetsTheSeenStateWithBothCounts() {
		String user = newUser();
		TestSocket tab1 = connectLive(user);
		TestSocket tab2 = connectLive(user);

		String id = java.util.UUID.randomUUID().toString();
		tab1.send("{\"type\":\"mark_seen\"}");
		tab1.send("{\"type\":\"mark_seen\",\"ids\":[\"" + id + "\"]}");
		tab1.send("{\"type\":\"mark_seen\",\"ids\":[\"nope\"]}");
		await().untilAsserted(() -> assertThat(store.requestsOf(user))
			.filteredOn((request) -> request.path().equals("/v1/notifications/seen"))
			.extracting(StubStore.Request::body)
			.containsExactlyInAnyOrder("{}", "{\"ids\":[\"" + id + "\"]}"));
		await().untilAsserted(() -> assertThat(tab1.frames("error")).singleElement()
			.satisfies((error) -> assertThat(error.get("message").asString()).startsWith("ids[0]")));
		publish(Changes.allSeen(user, 1, 4, List.of(id)));

		for (TestSocket tab : List.of(tab1, tab2)) {
			await().untilAsserted(() -> assertThat(tab.frames("state")).singleElement().satisfies((state) -> {
				assertThat(state.get("change").asString()).isEqualTo("seen");
				assertThat(state.get("unseenCount").asInt()).isZero();
				assertThat(state.get("unreadCount").asInt()).isEqualTo(4);
			}));
		}
		List.of(tab1, tab2).forEach(TestSocket::close);
	}

	@Test
	void readinessIsTheFeed() throws Exception {
		java.net.http.HttpResponse<String> readiness = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(readiness.body()).get("components").propertyNames())
			.containsExactlyInAnyOrder("readinessState", "notificationsFeed");
	}

	@Test
	void theFeedConsumersLagIsInThePrometheusScrape() {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpRequest scrape = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
			.build();
		await().untilAsserted(() -> assertThat(
				http.send(scrape, java.net.http.HttpResponse.BodyHandlers.ofString()).body())
			.containsPattern(
					"(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"herald-push[^\"]*\"[^}]*} "));
	}

	@Test
	void answersPingsAndNamesTheProblemOfBadMessages() {
		TestSocket socket = connectLive(newUser());

		socket.send("{\"type\":\"ping\"}");
		socket.send("not json");
		socket.send("{\"type\":\"mark_read\",\"ids\":[]}");
		socket.send("{\"type\":\"resume\",\"since\":-3}");

		await().untilAsserted(() -> assertThat(socket.frames("error")).hasSize(3));
		assertThat(socket.frames("pong")).hasSize(1);
		assertThat(socket.frames("error")).extracting((error) -> error.get("message").asString())
			.containsExactly("Messages are JSON objects", "ids: 1 to 500 notification ids", "since: a seq number ≥ 0");
		socket.close();
	}

	@Test
	void anIdThatIsNotANotificationIdAndABinaryFrameAreBadRequestsNotOutages() {
		String user = newUser();
		TestSocket socket = connectLive(user);

		socket.send("{\"type\":\"mark_read\",\"ids\":[\"" + java.util.UUID.randomUUID() + "\",\"n1\"]}");
		socket.sendBinary(new byte[] { 1, 2, 3 });

		await().untilAsserted(() -> assertThat(socket.frames("error")).hasSize(2));
		assertThat(socket.frames("error"))
			.allSatisfy((error) -> assertThat(error.get("code").asString()).isEqualTo("bad_request"));
		assertThat(socket.frames("error")).extracting((error) -> error.get("message").asString())
			.containsExactlyInAnyOrder("ids[1]: a notification id (UUID)", "Messages are JSON text frames, not binary");
		assertThat(store.requestsOf(user)).noneMatch((request) -> request.path().equals("/v1/notifications/read"));
		socket.send("{\"type\":\"ping\"}");
		await().untilAsserted(() -> assertThat(socket.frames("pong")).hasSize(1));
		socket.close();
	}

	@Test
	void rendersTextsInTheLocaleAskedForAtTheHandshake() {
		String user = newUser();
		TestSocket socket = TestSocket.connect(java.net.URI.create(ws() + "?locale=es"), TOKENS.user(user));
		awaitHello(socket);
		socket.send("{\"type\":\"resume\"}");

		publish(Changes.created(user, 1, 1));

		await().untilAsserted(() -> assertThat(socket.frames("notification")).singleElement()
			.satisfies((frame) -> assertThat(frame.at("/notification/text").asString())
				.isEqualTo("alice reaccionó ❤️ a Sunset")));
		socket.close();
	}

	@Test
	void closesTheConnectionWhenItsTokenExpires() {
		TestSocket socket = TestSocket.connect(ws(), TOKENS.user(newUser(), Duration.ofSeconds(2)));
		awaitHello(socket);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.closeCode()).isEqualTo(4001));
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	private double gaps() {
		return this.meters.get("herald.push.feed.gaps").counter().count();
	}

}
