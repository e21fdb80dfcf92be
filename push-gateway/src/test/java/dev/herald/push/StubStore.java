package dev.herald.push;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.push.protocol.ChangeFrames;
import dev.herald.schema.NotificationChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server that serves the store's contract for the gateway: batched unread
 * counts, the change feed (paged, 410 when history is gone), read and read-all. Users are
 * told apart by the {@code sub} of the bearer token (of each token of a batch); requests
 * are recorded, a batch as one request per token. Tokens are not verified (the real store
 * does; see its {@code UnreadCountBatchTests}), except that one marked with
 * {@link #rejectTokensOf} is answered {@code invalid_token}.
 */
final class StubStore {

	private static final StubStore SHARED = start();

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpServer server;

	private final Map<String, List<ObjectNode>> changes = new ConcurrentHashMap<>();

	private final Map<String, Long> historyAfter = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch changesGate = new CountDownLatch(0);

	private volatile CountDownLatch stateGate = new CountDownLatch(0);

	private final AtomicInteger statesInFlight = new AtomicInteger();

	private final AtomicInteger mostStatesInFlight = new AtomicInteger();

	private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

	private final Map<String, Boolean> rejected = new ConcurrentHashMap<>();

	record Request(String method, String path, String user, String authorization, String body) {
	}

	private StubStore(HttpServer server) {
		this.server = server;
	}

	static StubStore shared() {
		return SHARED;
	}

	private static StubStore start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
			StubStore store = new StubStore(server);
			server.createContext("/v1/notifications", store::handle);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return store;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Records a change as the store would (the outbox then publishes it). */
	void append(NotificationChange change) {
		ObjectNode frame = ChangeFrames.localized(ChangeFrames.frame(change), Locale.ENGLISH);
		this.changes.computeIfAbsent(change.getUserId(), (user) -> new CopyOnWriteArrayList<>()).add(frame);
	}

	/** Changes up to {@code seq} are no longer kept. */
	void forgetHistoryUpTo(String userId, long seq) {
		this.historyAfter.put(userId, seq);
	}

	/** Holds change-feed answers until the returned latch is counted down. */
	CountDownLatch holdChangeFeed() {
		this.changesGate = new CountDownLatch(1);
		return this.changesGate;
	}

	/**
	 * Holds unread-count answers until the returned latch is counted down, and starts
	 * counting how many are in flight at most.
	 */
	CountDownLatch holdStates() {
		this.mostStatesInFlight.set(0);
		this.batchSizes.clear();
		this.stateGate = new CountDownLatch(1);
		return this.stateGate;
	}

	/** The most unread-count requests in flight at once since {@link #holdStates()}. */
	int mostStatesInFlight() {
		return this.mostStatesInFlight.get();
	}

	/** Tokens in each batched unread-count request since {@link #holdStates()}. */
	List<Integer> batchSizes() {
		return List.copyOf(this.batchSizes);
	}

	/** Answers the user's tokens {@code invalid_token} from now on. */
	void rejectTokensOf(String userId) {
		this.rejected.put(userId, true);
	}

	List<Request> requestsOf(String userId) {
		return this.requests.stream().filter((request) -> userId.equals(request.user())).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String user = userOf(exchange.getRequestHeaders().getFirst("Authorization"));
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/v1/notifications/unread-count:batch")) {
				states(exchange, JSON.readTree(body).path("tokens"));
				return;
			}
			this.requests.add(new Request(exchange.getRequestMethod(), path, user,
					exchange.getRequestHeaders().getFirst("Authorization"), body));
			switch (path) {
				case "/v1/notifications/changes" -> changes(exchange, user);
				case "/v1/notifications/read", "/v1/notifications/read-all", "/v1/notifications/seen" ->
					answer(exchange, 204, null);
				default -> answer(exchange, 404, null);
			}
		}
	}

	private void changes(HttpExchange exchange, String user) throws IOException {
		awaitGate();
		Map<String, String> query = queryOf(exchange.getRequestURI());
		long since = Long.parseLong(query.get("since"));
		int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
		List<ObjectNode> all = this.changes.getOrDefault(user, List.of());
		long latest = all.isEmpty() ? 0 : all.getLast().get("seq").asLong();
		if (since < this.historyAfter.getOrDefault(user, 0L)) {
			answer(exchange, 410, JSON.createObjectNode().put("status", 410).put("seq", latest));
			return;
		}
		List<ObjectNode> after = all.stream().filter((frame) -> frame.get("seq").asLong() > since).toList();
		ObjectNode page = JSON.createObjectNode().put("seq", latest).put("hasMore", after.size() > limit);
		page.putArray("changes").addAll(new ArrayList<>(after.subList(0, Math.min(limit, after.size()))));
		answer(exchange, 200, page);
	}

	/**
	 * The states as they are when the request arrives, answered once the gate opens (as a
	 * store whose answer is slow to travel back).
	 */
	private void states(HttpExchange exchange, JsonNode tokens) throws IOException {
		this.mostStatesInFlight.accumulateAndGet(this.statesInFlight.incrementAndGet(), Math::max);
		try {
			this.batchSizes.add(tokens.size());
			ObjectNode answer = JSON.createObjectNode();
			ArrayNode results = answer.putArray("results");
			for (JsonNode token : tokens) {
				String user = userOf("Bearer " + token.asString());
				this.requests.add(new Request("POST", "/v1/notifications/unread-count:batch", user,
						"Bearer " + token.asString(), null));
				results.add(this.rejected.containsKey(user) ? JSON.createObjectNode().put("error", "invalid_token")
						: state(user));
			}
			await(this.stateGate);
			answer(exchange, 200, answer);
		}
		finally {
			this.statesInFlight.decrementAndGet();
		}
	}

	private ObjectNode state(String user) {
		List<ObjectNode> all = this.changes.getOrDefault(user, List.of());
		ObjectNode state = JSON.createObjectNode().put("seq", 0).put("unreadCount", 0).put("unseenCount", 0);
		if (!all.isEmpty()) {
			state.put("seq", all.getLast().get("seq").asLong())
				.put("unreadCount", all.getLast().get("unreadCount").asInt())
				.put("unseenCount", all.getLast().path("unseenCount").asInt());
		}
		return state;
	}

	private void awaitGate() {
		await(this.changesGate);
	}

	private static void await(CountDownLatch gate) {
		try {
			gate.await(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders()
			.set("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String userOf(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String payload = authorization.substring(7).split("\\.")[1];
		return JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("sub").asString();
	}

	private static Map<String, String> queryOf(URI uri) {
		Map<String, String> query = new ConcurrentHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(parts[0], parts[1]);
		}
		return query;
	}

}
