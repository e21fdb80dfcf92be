package dev.herald.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) that records every frame it receives and how the
 * connection closed. A {@link #paused} client reads nothing after the handshake.
 */
final class TestSocket implements WebSocket.Listener {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final boolean paused;

	private volatile WebSocket socket;

	private volatile Integer closeCode;

	private volatile String closeReason;

	private final AtomicInteger pings = new AtomicInteger();

	private TestSocket(boolean paused) {
		this.paused = paused;
	}

	static TestSocket connect(URI uri, String token) {
		return open(uri, token, null, false);
	}

	/** A client that stops reading right after the handshake. */
	static TestSocket connectPaused(URI uri, String token) {
		return open(uri, token, null, true);
	}

	static TestSocket open(URI uri, String token, String origin, boolean paused) {
		TestSocket listener = new TestSocket(paused);
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		if (origin != null) {
			builder.header("Origin", origin);
		}
		listener.socket = builder.buildAsync(uri, listener).orTimeout(20, TimeUnit.SECONDS).join();
		return listener;
	}

	/** The HTTP status a refused handshake was answered with. */
	static int refusedStatus(URI uri, String token, String origin) {
		try {
			open(uri, token, origin, false).close();
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	static WebSocketHandshakeException refusal(URI uri, String token) {
		try {
			open(uri, token, null, false).close();
			throw new AssertionError("The handshake was accepted");
		}
		catch (CompletionException ex) {
			return (WebSocketHandshakeException) ex.getCause();
		}
	}

	void send(String json) {
		this.socket.sendText(json, true).join();
	}

	void sendBinary(byte[] bytes) {
		this.socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
	}

	void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally((ex) -> null).join();
		}
		this.socket.abort();
	}

	List<JsonNode> frames() {
		return this.frames;
	}

	List<JsonNode> frames(String type) {
		return this.frames.stream().filter((frame) -> type.equals(frame.path("type").asString())).toList();
	}

	/** The seqs of the change frames received, in arrival order. */
	List<Long> seqs() {
		return this.frames.stream()
			.filter((frame) -> frame.has("seq") && !"hello".equals(frame.path("type").asString())
					&& !"resync".equals(frame.path("type").asString()))
			.map((frame) -> frame.get("seq").asLong())
			.toList();
	}

	Integer closeCode() {
		return this.closeCode;
	}

	String closeReason() {
		return this.closeReason;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		if (!this.paused) {
			webSocket.request(1);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(JsonMapper.shared().readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return CompletableFuture.completedFuture(null);
	}

	/** WebSocket pings received (each answered with a pong by the JDK's client). */
	int pings() {
		return this.pings.get();
	}

	@Override
	public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
		this.pings.incrementAndGet();
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode = statusCode;
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		if (this.closeCode == null) {
			this.closeCode = 1006;
		}
	}

}
