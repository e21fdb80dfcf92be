package dev.herald.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.herald.devstack.HeraldServices;
import tools.jackson.databind.JsonNode;

/**
 * A tab that behaves like {@code herald-client.js}: when the gateway goes away it
 * reconnects with exponential backoff and full jitter (or after the delay a draining
 * gateway names in its 1012 close), resumes from the last seq it saw, pings, and dedupes
 * by seq. It keeps every frame with its arrival time, so duplicates before the dedupe can
 * be counted too. Sessions share one HTTP client and one timer, so thousands fit in a
 * test JVM.
 */
final class ResumingPushSession implements WebSocket.Listener, AutoCloseable {

	/** Backoff of the quick tests: a reconnect within 2 s of the gateway being back. */
	static final Backoff QUICK = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2));

	/** {@code herald-client.js}'s defaults. */
	static final Backoff BROWSER = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

	private static final int SERVICE_RESTART = 1012;

	private static final Pattern HINTED_DELAY = Pattern.compile("(\\d+) ms");

	private static final HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private static final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
			Thread.ofPlatform().daemon().name("push-session-timer-", 0).factory());

	private final String userId;

	private final Backoff backoff;

	private final List<Frame> received = new CopyOnWriteArrayList<>();

	private final Map<Long, JsonNode> bySeq = new ConcurrentHashMap<>();

	private final List<Instant> greetings = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final ScheduledFuture<?> pinger;

	private volatile WebSocket socket;

	private volatile long lastSeq = -1;

	private volatile boolean closed;

	private volatile boolean online;

	private final AtomicInteger attempt = new AtomicInteger();

	private ResumingPushSession(String userId, Backoff backoff) {
		this.userId = userId;
		this.backoff = backoff;
		this.pinger = timer.scheduleAtFixedRate(() -> send("{\"type\":\"ping\"}"), 10, 10, TimeUnit.SECONDS);
		connect();
	}

	static ResumingPushSession open(String userId) {
		return open(userId, QUICK);
	}

	static ResumingPushSession open(String userId, Backoff backoff) {
		return new ResumingPushSession(userId, backoff);
	}

	private void connect() {
		if (this.closed) {
			return;
		}
		http.newWebSocketBuilder()
			.header("Origin", "http://localhost:8080")
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("ws://127.0.0.1:" + HeraldServices.PUSH_PORT + "/v1/ws?access_token="
					+ Herald.tokens.user(this.userId)), this)
			.whenComplete((socket, failure) -> {
				if (failure != null) {
					scheduleReconnect(this.backoff.delay(this.attempt.getAndIncrement()));
				}
				else {
					this.socket = socket;
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
			this.attempt.set(0);
			this.online = true;
			this.greetings.add(Instant.now());
			if (this.lastSeq < 0) {
				this.lastSeq = frame.path("seq").asLong();
			}
			webSocket.sendText("{\"type\":\"resume\",\"since\":" + this.lastSeq + "}", true);
		}
		else if (frame.has("seq")) {
			this.received.add(new Frame(Instant.now(), frame));
			long seq = frame.path("seq").asLong();
			this.bySeq.putIfAbsent(seq, frame);
			this.lastSeq = Math.max(this.lastSeq, seq);
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		Matcher hinted = HINTED_DELAY.matcher((reason != null) ? reason : "");
		reconnectAfterLosing(webSocket, (statusCode == SERVICE_RESTART && hinted.find())
				? Duration.ofMillis(Long.parseLong(hinted.group(1))) : null);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		reconnectAfterLosing(webSocket, null);
	}

	private synchronized void reconnectAfterLosing(WebSocket lost, Duration hinted) {
		if (lost == this.socket) {
			this.socket = null;
			this.online = false;
			scheduleReconnect((hinted != null) ? hinted : this.backoff.delay(this.attempt.getAndIncrement()));
		}
	}

	private void scheduleReconnect(Duration delay) {
		if (!this.closed) {
			timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
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
		return new TreeMap<>(this.bySeq).values();
	}

	/** Notification ids after the dedupe by seq. */
	List<String> notificationIds() {
		return delivered().stream()
			.filter((frame) -> frame.path("type").asString().equals("notification"))
			.map((frame) -> frame.at("/notification/id").asString())
			.toList();
	}

	/** Frames that arrived with a seq already seen. */
	int duplicates() {
		return this.received.size() - this.bySeq.size();
	}

	/** Every frame with a seq, as it arrived (before the dedupe). */
	List<Frame> received() {
		return List.copyOf(this.received);
	}

	/** When each {@code hello} arrived: one per (re)connection. */
	List<Instant> greetings() {
		return List.copyOf(this.greetings);
	}

	boolean isOnline() {
		return this.online;
	}

	long lastSeq() {
		return this.lastSeq;
	}

	@Override
	public void close() {
		this.closed = true;
		this.pinger.cancel(false);
		WebSocket current = this.socket;
		if (current != null) {
			current.abort();
		}
	}

	/** A frame and when it arrived. */
	record Frame(Instant at, JsonNode json) {
	}

	/**
	 * {@code herald-client.js}'s reconnect delay: random in [0, min(cap, base *
	 * 2^attempt)).
	 */
	record Backoff(Duration base, Duration cap) {

		Duration delay(int attempt) {
			long ceiling = Math.min(this.cap.toMillis(), this.base.toMillis() << Math.min(attempt, 20));
			return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(ceiling, 1)));
		}

	}

}
