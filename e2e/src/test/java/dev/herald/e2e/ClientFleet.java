package dev.herald.e2e;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.devstack.HeraldServices;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Many light WebSocket clients, one per user, for benchmarks. Connections are spread over
 * the loopback source addresses 127.0.0.1, 127.0.0.2, … ({@value #PER_ADDRESS} each) so
 * that 50,000 of them do not run out of ephemeral ports. Every notification frame is
 * handed to the listener with its arrival time; frames with a seq seen before are counted
 * as duplicates and not handed on.
 */
final class ClientFleet implements AutoCloseable {

	private static final int PER_ADDRESS = 20_000;

	private static final int CONNECTING_AT_ONCE = 200;

	private final List<HttpClient> clients = new ArrayList<>();

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final FrameListener listener;

	private final AtomicInteger online = new AtomicInteger();

	private final AtomicInteger duplicates = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private ClientFleet(FrameListener listener) {
		this.listener = listener;
	}

	/** Opens one connection per user and waits until each has its {@code hello}. */
	static ClientFleet connect(List<String> users, FrameListener listener, Duration timeout) {
		ClientFleet fleet = new ClientFleet(listener);
		Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
		for (int i = 0; i < users.size(); i++) {
			connecting.acquireUninterruptibly();
			fleet.open(users.get(i), fleet.client(i / PER_ADDRESS)).whenComplete((socket, failure) -> {
				if (failure != null) {
					fleet.failures.incrementAndGet();
				}
				connecting.release();
			});
		}
		await().atMost(timeout).until(() -> fleet.online.get() + fleet.failures.get() >= users.size());
		return fleet;
	}

	private HttpClient client(int address) {
		while (this.clients.size() <= address) {
			this.clients.add(HttpClient.newBuilder()
				.localAddress(loopback(this.clients.size() + 1))
				.executor(Executors.newVirtualThreadPerTaskExecutor())
				.build());
		}
		return this.clients.get(address);
	}

	private static InetAddress loopback(int host) {
		try {
			return InetAddress.getByName("127.0.0." + host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private CompletionStage<WebSocket> open(String user, HttpClient client) {
		Connection connection = new Connection();
		this.connections.add(connection);
		return client.newWebSocketBuilder()
			.header("Origin", "http://localhost:8080")
			.connectTimeout(Duration.ofSeconds(30))
			.buildAsync(URI.create(
					"ws://127.0.0.1:" + HeraldServices.PUSH_PORT + "/v1/ws?access_token=" + Herald.tokens.user(user)),
					connection)
			.thenApply((socket) -> connection.socket = socket);
	}

	int online() {
		return this.online.get();
	}

	int failures() {
		return this.failures.get();
	}

	int duplicates() {
		return this.duplicates.get();
	}

	@Override
	public void close() {
		this.connections.forEach(Connection::abort);
		this.clients.forEach(HttpClient::close);
	}

	/** Gets every new notification frame. */
	interface FrameListener {

		void on(long arrivedNanos, JsonNode frame);

	}

	private final class Connection implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final Set<Long> seen = new HashSet<>();

		private volatile WebSocket socket;

		private boolean opened;

		private volatile boolean greeted;

		@Override
		public synchronized void onOpen(WebSocket webSocket) {
			this.opened = true;
			webSocket.sendText("{\"type\":\"resume\"}", true);
			webSocket.request(1);
		}

		@Override
		public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long arrived = System.nanoTime();
			this.partial.append(data);
			if (last) {
				on(arrived, Api.json.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		private void on(long arrived, JsonNode frame) {
			String type = frame.path("type").asString();
			if (type.equals("hello")) {
				this.greeted = true;
				ClientFleet.this.online.incrementAndGet();
			}
			else if (type.equals("notification")) {
				if (this.seen.add(frame.path("seq").asLong())) {
					ClientFleet.this.listener.on(arrived, frame);
				}
				else {
					ClientFleet.this.duplicates.incrementAndGet();
				}
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			lost();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			lost();
		}

		/** A connection the gateway closed before its hello counts as failed. */
		private synchronized void lost() {
			if (this.opened && !this.greeted) {
				this.greeted = true;
				ClientFleet.this.failures.incrementAndGet();
			}
		}

		void abort() {
			WebSocket current = this.socket;
			if (current != null) {
				current.abort();
			}
		}

	}

}
