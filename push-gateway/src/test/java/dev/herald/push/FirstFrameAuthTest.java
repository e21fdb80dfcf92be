package dev.herald.push;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import dev.herald.support.security.DevTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection without a token at its handshake authenticates with its first frame,
 * {@code {"type":"auth","token":…}}, over WebSocket and SockJS alike; until then it gets
 * nothing, and anything else closes it with 4401.
 */
class FirstFrameAuthTest extends GatewayTestSupport {

	private final MeterRegistry meters;

	FirstFrameAuthTest(NotificationsListener feed, SessionRegistry registry, MeterRegistry meters) {
		super(feed, registry);
		this.meters = meters;
	}

	@Test
	void aConnectionThatSendsAuthFirstGetsHelloAndItsUsersChangesAndNothingBefore() {
		String user = newUser();
		store.append(Changes.created(user, 1, 1));
		String token = TOKENS.user(user);
		double before = authentications("frame", "ok");
		TestSocket socket = TestSocket.connect(ws(), null);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> socket.frames().isEmpty());

		socket.send(auth(token));
		socket.send("{\"type\":\"resume\",\"since\":0}");

		await().untilAsserted(() -> assertThat(socket.frames("notification")).hasSize(1));
		assertThat(socket.frames().getFirst().path("type").asString()).isEqualTo("hello");
		assertThat(socket.frames().getFirst().path("seq").asLong()).isEqualTo(1);
		publish(Changes.created(user, 2, 2));
		await().untilAsserted(() -> assertThat(socket.seqs()).containsExactly(1L, 2L));
		assertThat(authentications("frame", "ok")).isEqualTo(before + 1);
		// the store is called on the user's behalf with the frame's token
		assertThat(store.requestsOf(user)).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.authorization()).isEqualTo("Bearer " + token));
		socket.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"resume\"}", "{\"type\":\"auth\"}", "{\"type\":\"auth\",\"token\":\"\"}",
			"{\"type\":\"auth\",\"token\":7}", "not json" })
	void aFirstFrameThatIsNotAuthClosesTheConnectionWith4401(String first) {
		TestSocket socket = TestSocket.connect(ws(), null);

		socket.send(first);

		await().untilAsserted(() -> assertThat(socket.closeCode()).isEqualTo(4401));
		assertThat(socket.closeReason()).isEqualTo("auth frame expected first");
		assertThat(socket.frames()).isEmpty();
	}

	@Test
	void anAuthFrameWithATokenTheDecoderRefusesClosesTheConnectionWith4401() {
		String expired = TOKENS.mint(newUser(), List.of(), Instant.now().minus(Duration.ofMinutes(5)), "herald");
		String forged = new DevTokens("not-the-secret-of-this-deployment-0123456789", "herald-dev", "herald")
			.user(newUser());
		String flawed = TOKENS.flawed(DevTokens.Flaw.NO_SUBJECT, newUser());

		for (String token : List.of(expired, forged, flawed, "not-a-jwt")) {
			TestSocket socket = TestSocket.connect(ws(), null);
			socket.send(auth(token));
			await().untilAsserted(() -> assertThat(socket.closeCode()).as(token).isEqualTo(4401));
			assertThat(socket.closeReason()).isEqualTo("invalid token");
			assertThat(socket.frames()).isEmpty();
		}
	}

	@Test
	void aConnectionThatSendsNothingIsClosedWith4401AfterTheAuthTimeout() {
		double before = authentications("frame", "timeout");
		TestSocket socket = TestSocket.connect(ws(), null);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.closeCode()).isEqualTo(4401));

		assertThat(socket.closeReason()).isEqualTo("auth timeout");
		assertThat(authentications("frame", "timeout")).isEqualTo(before + 1);
		assertThat(this.meters.get("herald.push.auth.waiting").gauge().value()).isZero();
	}

	@Test
	void aConnectionAuthenticatedAtItsHandshakeKeepsItsUserAndIsToldSoOnAnAuthFrame() {
		String user = newUser();
		TestSocket socket = connectLive(user);

		socket.send(auth(TOKENS.user(newUser())));
		publish(Changes.created(user, 1, 1));

		await().untilAsserted(() -> assertThat(socket.frames("notification")).hasSize(1));
		assertThat(socket.frames("error")).singleElement()
			.satisfies(
					(error) -> assertThat(error.get("message").asString()).startsWith("type: auth only as the first"));
		assertThat(socket.closeCode()).isNull();
		socket.close();
	}

	@Test
	void theDeprecatedQueryTokenStillWorksAndIsCountedApart() {
		double before = authentications("query", "ok");
		TestSocket socket = TestSocket.connect(URI.create(ws() + "?access_token=" + TOKENS.user(newUser())), null);

		awaitHello(socket);

		assertThat(authentications("query", "ok")).isEqualTo(before + 1);
		socket.close();
	}

	@ParameterizedTest(name = "xhr streaming disabled: {0}")
	@ValueSource(booleans = { false, true })
	void sockJsWithoutAnyTokenInItsRequestsAuthenticatesWithItsFirstFrame(boolean polling) throws Exception {
		String user = newUser();
		RestTemplateXhrTransport xhr = new RestTemplateXhrTransport();
		xhr.setXhrStreamingDisabled(polling);
		SockJsClient client = new SockJsClient(List.of(xhr));
		List<String> received = new CopyOnWriteArrayList<>();

		WebSocketSession session = client.execute(new TextWebSocketHandler() {
			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				received.add(message.getPayload());
			}
		}, new WebSocketHttpHeaders(), URI.create("http://localhost:" + this.port + "/v1/sockjs"))
			.get(20, TimeUnit.SECONDS);
		session.sendMessage(new TextMessage(auth(TOKENS.user(user))));
		session.sendMessage(new TextMessage("{\"type\":\"resume\"}"));
		await().untilAsserted(() -> assertThat(received).anyMatch((frame) -> frame.contains("\"hello\"")));
		publish(Changes.created(user, 1, 1));

		await().untilAsserted(() -> assertThat(received)
			.anyMatch((frame) -> frame.contains("\"notification\"") && frame.contains("alice reacted")));
		assertThat(received.getFirst()).contains("\"hello\"");
		session.close();
	}

	private static String auth(String token) {
		return "{\"type\":\"auth\",\"token\":\"" + token + "\"}";
	}

	private double authentications(String method, String outcome) {
		var counter = this.meters.find("herald.push.authentications")
			.tag("method", method)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
