package dev.herald.push;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
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

/** The SockJS fallback over HTTP only, as behind a proxy that blocks WebSocket. */
class SockJsTest extends GatewayTestSupport {

	SockJsTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@ParameterizedTest(name = "xhr streaming disabled: {0}")
	@ValueSource(booleans = { false, true })
	void deliversOverXhrStreamingAndPolling(boolean polling) throws Exception {
		String user = newUser();
		RestTemplateXhrTransport xhr = new RestTemplateXhrTransport();
		xhr.setXhrStreamingDisabled(polling);
		SockJsClient client = new SockJsClient(List.of(xhr));
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setBearerAuth(TOKENS.user(user));
		List<String> received = new CopyOnWriteArrayList<>();

		WebSocketSession session = client.execute(new TextWebSocketHandler() {
			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				received.add(message.getPayload());
			}
		}, headers, URI.create("http://localhost:" + this.port + "/v1/sockjs")).get(20, TimeUnit.SECONDS);
		await().untilAsserted(() -> assertThat(received).anyMatch((frame) -> frame.contains("\"hello\"")));
		session.sendMessage(new TextMessage("{\"type\":\"resume\"}"));
		publish(Changes.created(user, 1, 1));

		await().untilAsserted(() -> assertThat(received)
			.anyMatch((frame) -> frame.contains("\"notification\"") && frame.contains("alice reacted")));
		session.close();
	}

}
