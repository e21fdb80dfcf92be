package dev.herald.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.herald.devstack.HeraldServices;
import tools.jackson.databind.JsonNode;

/** A browser tab's WebSocket to the push gateway, keeping every frame it received. */
final class PushSession implements WebSocket.Listener, AutoCloseable {

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private PushSession(String token) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", "http://localhost:8080")
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://127.0.0.1:" + HeraldServices.PUSH_PORT + "/v1/ws?access_token=" + token), this)
			.join();
	}

	static PushSession open(String userId) {
		return new PushSession(Herald.tokens.user(userId));
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(Api.json.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	List<JsonNode> frames() {
		return List.copyOf(this.frames);
	}

	List<JsonNode> frames(String type) {
		return this.frames.stream().filter((frame) -> type.equals(frame.path("type").asString())).toList();
	}

	/** Sends a client message (a JSON text frame). */
	void send(String json) {
		this.socket.sendText(json, true).join();
	}

	@Override
	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

}
