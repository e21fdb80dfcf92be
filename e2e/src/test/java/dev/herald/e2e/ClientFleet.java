package dev.herald.e2e;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import dev.herald.devstack.HeraldServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Many browser-like WebSocket clients, one per user, in several Node.js processes
 * ({@code src/test/node/fleet.js} on the {@code ws} package): like a browser running
 * {@code herald-client.js}, each offers
 * {@code permessage-deflate; client_max_window_bits}, sends {@code resume} once open,
 * answers pings and sends {@code ping} every 25 s. The clients do not reconnect, so every
 * refusal and close is counted. Outside this JVM, the clients' sockets count only against
 * their own processes' open-file limits.
 * <p>
 * Every notification frame with a seq not seen before on its connection is handed to the
 * listener with its arrival time on the {@link System#nanoTime()} clock (Node's
 * {@code process.hrtime} and Java's {@code nanoTime} both read {@code CLOCK_MONOTONIC} on
 * Linux); repeats are counted as duplicates and not handed on. The first use runs
 * {@code npm ci} in {@code src/test/node}.
 */
final class ClientFleet implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ClientFleet.class);

	static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();

	/**
	 * Connections per loopback source address, so that cycles do not run out of ports.
	 */
	private static final int PER_ADDRESS = 10_000;

	/** Every connection this JVM opened, for spreading them over source addresses. */
	private static final AtomicInteger opened = new AtomicInteger();

	private final Options options;

	private final FrameListener listener;

	private final List<Client> processes = new ArrayList<>();

	private final AtomicInteger asked = new AtomicInteger();

	private final AtomicInteger greeted = new AtomicInteger();

	private final AtomicInteger closedAfterHello = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger duplicates = new AtomicInteger();

	private final Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> extensions = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

	private final LongAccumulator lastHelloNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);

	private final Queue<Long> helloNanos = new ConcurrentLinkedQueue<>();

	private final AtomicLong dropAnswers = new AtomicLong();

	private ClientFleet(Options options, FrameListener listener) {
		this.options = options;
		this.listener = listener;
		installScripts();
		for (int i = 0; i < options.processes(); i++) {
			this.processes.add(new Client(i));
		}
	}

	/**
	 * Opens one connection per user in {@link Options#DEFAULT} processes and waits until
	 * each has its {@code hello} or failed.
	 */
	static ClientFleet connect(List<String> users, FrameListener listener, Duration timeout) {
		ClientFleet fleet = start(Options.DEFAULT, listener);
		fleet.open(users);
		fleet.awaitSettled(timeout);
		return fleet;
	}

	/** Starts the client processes, with no connection yet. */
	static ClientFleet start(Options options, FrameListener listener) {
		return new ClientFleet(options, listener);
	}

	/** Opens one connection per user, spread over the processes; returns at once. */
	void open(List<String> users) {
		this.asked.addAndGet(users.size());
		for (int i = 0; i < users.size(); i++) {
			String user = users.get(i);
			int n = opened.getAndIncrement();
			String address = "127.0.0." + (1 + (n / PER_ADDRESS) % 250);
			this.processes.get(i % this.processes.size())
				.send("open " + n + " " + address + " " + Herald.tokens.user(user));
		}
		this.processes.forEach(Client::flush);
	}

	/** Waits until every connection asked for has its {@code hello} or failed. */
	void awaitSettled(Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.greeted.get() + this.failures.get() >= this.asked.get());
	}

	/**
	 * Closes every connection (1001, as a closed tab does) and waits until each process
	 * has done so; the processes stay for the next {@link #open(List)}.
	 */
	void drop() {
		long before = this.dropAnswers.get();
		this.processes.forEach((process) -> {
			process.send("drop");
			process.flush();
		});
		await().atMost(Duration.ofMinutes(1)).until(() -> this.dropAnswers.get() - before >= this.processes.size());
		this.asked.set(0);
		this.helloNanos.clear();
		this.greeted.set(0);
		this.closedAfterHello.set(0);
		this.failures.set(0);
	}

	/** Connections open with their {@code hello}. */
	int online() {
		return this.greeted.get() - this.closedAfterHello.get();
	}

	/** Connections that never got their {@code hello}: refused, or closed before it. */
	int failures() {
		return this.failures.get();
	}

	int duplicates() {
		return this.duplicates.get();
	}

	/**
	 * Closes by the server or network, by code and whether before or after {@code hello},
	 * e.g. {@code "1013 before hello" → 12}.
	 */
	Map<String, Integer> closes() {
		return counts(this.closes);
	}

	/** Closes with the given code, before or after {@code hello}. */
	int closes(int code) {
		return this.closes.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(code + " "))
			.mapToInt((entry) -> entry.getValue().get())
			.sum();
	}

	/** Connections that never opened, by reason (e.g. {@code "HTTP 503"}). */
	Map<String, Integer> errors() {
		return counts(this.errors);
	}

	/** The {@code Sec-WebSocket-Extensions} answers of the upgrades, counted. */
	Map<String, Integer> extensions() {
		return counts(this.extensions);
	}

	/** When the latest {@code hello} arrived ({@link System#nanoTime()}). */
	long lastHelloNanos() {
		return this.lastHelloNanos.get();
	}

	/** When each {@code hello} since the last {@link #drop()} arrived, in order. */
	long[] helloNanos() {
		return this.helloNanos.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	/** The client processes' process ids. */
	List<Long> pids() {
		return this.processes.stream().map((process) -> process.process.pid()).toList();
	}

	@Override
	public void close() {
		this.processes.forEach(Client::close);
	}

	private static Map<String, Integer> counts(Map<String, AtomicInteger> counters) {
		Map<String, Integer> counts = new TreeMap<>();
		counters.forEach((key, count) -> counts.put(key, count.get()));
		return counts;
	}

	private static void count(Map<String, AtomicInteger> counters, String key) {
		counters.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	/** {@code npm ci} once, when {@code ws} is not installed yet. */
	private static synchronized void installScripts() {
		if (Files.isDirectory(SCRIPTS.resolve("node_modules").resolve("ws"))) {
			return;
		}
		try {
			Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SCRIPTS.toFile())
				.inheritIO()
				.start();
			if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
				throw new IllegalStateException("npm ci failed in " + SCRIPTS + "; Node.js 20+ and npm are needed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run npm in " + SCRIPTS + "; Node.js 20+ and npm are needed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Gets every new notification frame. */
	interface FrameListener {

		void on(long arrivedNanos, JsonNode frame);

	}

	/**
	 * How the fleet runs.
	 *
	 * @param processes Node.js processes the clients are spread over
	 * @param deflate whether clients offer permessage-deflate (browsers do)
	 * @param connectingPerProcess upgrades in progress at once in each process; the rest
	 * wait their turn
	 * @param appPing the interval of {@code {"type":"ping"}} messages (zero: none)
	 */
	record Options(int processes, boolean deflate, int connectingPerProcess, Duration appPing) {

		static final Options DEFAULT = new Options(Integer.getInteger("herald.bench.client-processes", 4), true, 250,
				Duration.ofSeconds(25));

		Options withProcesses(int count) {
			return new Options(count, this.deflate, this.connectingPerProcess, this.appPing);
		}

		Options withDeflate(boolean offered) {
			return new Options(this.processes, offered, this.connectingPerProcess, this.appPing);
		}

		Options withConnectingPerProcess(int count) {
			return new Options(this.processes, this.deflate, count, this.appPing);
		}

	}

	/** One Node.js process and the thread reading its events. */
	private final class Client {

		private final Process process;

		private final Writer commands;

		private Client(int index) {
			ProcessBuilder builder = new ProcessBuilder("node", SCRIPTS.resolve("fleet.js").toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT);
			Map<String, String> environment = builder.environment();
			environment.put("FLEET_URL", "ws://127.0.0.1:" + HeraldServices.PUSH_PORT + "/v1/ws");
			environment.put("FLEET_DEFLATE", Boolean.toString(ClientFleet.this.options.deflate()));
			environment.put("FLEET_CONNECTING", Integer.toString(ClientFleet.this.options.connectingPerProcess()));
			environment.put("FLEET_APP_PING_MS", Long.toString(ClientFleet.this.options.appPing().toMillis()));
			try {
				this.process = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start node; Node.js 20+ is needed", ex);
			}
			this.commands = new BufferedWriter(
					new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
			Thread.ofPlatform().daemon().name("fleet-" + index).start(this::read);
		}

		synchronized void send(String line) {
			try {
				this.commands.write(line);
				this.commands.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException("fleet process " + this.process.pid() + " is gone", ex);
			}
		}

		synchronized void flush() {
			try {
				this.commands.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("fleet process " + this.process.pid() + " is gone", ex);
			}
		}

		private void read() {
			try (BufferedReader events = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
				String line;
				while ((line = events.readLine()) != null) {
					on(line);
				}
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Reading fleet process {} failed: {}", this.process.pid(), ex.toString());
			}
		}

		private void on(String line) {
			String[] fields = line.split(" ", 4);
			switch (fields[0]) {
				case "O" -> count(ClientFleet.this.extensions, line.substring(line.indexOf(' ', 2) + 1));
				case "H" -> {
					ClientFleet.this.greeted.incrementAndGet();
					long arrived = Long.parseLong(fields[2]);
					ClientFleet.this.lastHelloNanos.accumulate(arrived);
					ClientFleet.this.helloNanos.add(arrived);
				}
				case "N" -> ClientFleet.this.listener.on(Long.parseLong(fields[2]), Api.json.readTree(fields[3]));
				case "D" -> ClientFleet.this.duplicates.incrementAndGet();
				case "C" -> {
					boolean afterHello = line.endsWith(" 1");
					count(ClientFleet.this.closes,
							fields[3].split(" ")[0] + (afterHello ? " after" : " before") + " hello");
					(afterHello ? ClientFleet.this.closedAfterHello : ClientFleet.this.failures).incrementAndGet();
				}
				case "E" -> {
					count(ClientFleet.this.errors, line.substring(line.indexOf(' ', 2) + 1));
					ClientFleet.this.failures.incrementAndGet();
				}
				case "X" -> ClientFleet.this.dropAnswers.incrementAndGet();
				default -> log.warn("Unknown fleet event: {}", line);
			}
		}

		void close() {
			try {
				send("exit");
				flush();
				this.commands.close();
			}
			catch (IOException | UncheckedIOException ex) {
				// the process is gone already
			}
			if (this.process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() == null) {
				this.process.destroyForcibly();
			}
		}

	}

}
