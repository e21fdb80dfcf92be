package dev.herald.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.herald.devstack.HeraldServices;
import tools.jackson.databind.JsonNode;

/**
 * A tab that behaves like {@code herald-client.js}: it reconnects when the gateway goes
 * away, resumes from the last seq it saw, pings, and dedupes by seq. It keeps every
 * frame, so duplicates before the dedupe can be counted too.
 */
final class ResumingPushSession implements WebSocket.Listener, AutoCloseable {

	private final String userId;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final Map<Long, JsonNode> bySeq = new ConcurrentHashMap<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile WebSocket socket;

	private volatile long lastSeq = -1;

	private volatile boolean closed;

	private volatile int connections;

	private ResumingPushSession(String userId) {
		this.userId = userId;
		this.timer.scheduleAtFixedRate(() -> send("{\"type\":\"ping\"}"), 10, 10, TimeUnit.SECONDS);
		connect();
	}

	static ResumingPushSession open(String userId) {
		return new ResumingPushSession(userId);
	}

	private void connect() {
		if (this.closed) {
			return;
		}
		HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", "http://localhost:8080")
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("ws://127.0.0.1:" + HeraldServices.PUSH_PORT + "/v1/ws?access_token="
					+ Herald.tokens.user(this.userId)), this)
			.whenComplete((socket, failure) -> {
				if (failure != null) {
					this.timer.schedule(this::connect, 500, TimeUnit.MILLISECONDS);
				}
				else {
					this.socket = socket;
					this.connections++;
				}
			});
	}

	@Override
	public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			on(webSocket, Api.json.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	private void on(WebSocket webSocket, JsonNode frame) {
		String type = frame.path("type").asString();
		if (type.equals("hello")) {
			if (this.lastSeq < 0) {
				this.lastSeq = frame.path("seq").asLong();
			}
			webSocket.sendText("{\"type\":\"resume\",\"since\":" + this.lastSeq + "}", true);
		}
		else if (frame.has("seq")) {
			this.received.add(frame);
			long seq = frame.path("seq").asLong();
			this.bySeq.putIfAbsent(seq, frame);
			this.lastSeq = Math.max(this.lastSeq, seq);
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		reconnectAfterLosing(webSocket);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		reconnectAfterLosing(webSocket);
	}

	private synchronized void reconnectAfterLosing(WebSocket lost) {
		if (lost == this.socket) {
			this.socket = null;
			this.timer.schedule(this::connect, 300, TimeUnit.MILLISECONDS);
		}
	}

	private void send(String text) {
		WebSocket current = this.socket;
		if (current != null && !current.isOutputClosed()) {
			current.sendText(text, true);
		}
	}

	/** Frames after the dedupe by seq, in seq order. */
	Collection<JsonNode> delivered() {
		return new java.util.TreeMap<>(this.bySeq).values();
	}

	/** Frames that arrived with a seq already seen. */
	int duplicates() {
		return this.received.size() - this.bySeq.size();
	}

	int connections() {
		return this.connections;
	}

	@Override
	public void close() {
		this.closed = true;
		this.timer.shutdownNow();
		WebSocket current = this.socket;
		if (current != null) {
			current.abort();
		}
	}

}
