package dev.herald.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.herald.devstack.demo.DemoApplication;
import dev.herald.devstack.demo.DemoSettings;
import dev.herald.testinfra.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole of Herald on embedded defaults: the infrastructure in this JVM, each
 * service as a child JVM from its jar, then prints where everything is. Ctrl-C stops it
 * all.
 */
public final class DevStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DevStack.class);

	/**
	 * How long each service may take to become healthy ({@code herald.startup-timeout},
	 * seconds): the full JIT of the production profile compiles for minutes on two busy
	 * cores.
	 */
	public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("herald.startup-timeout", 300));

	private final HeraldServices catalog;

	private final Map<String, String> environment;

	private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

	private volatile Infrastructure infrastructure;

	private volatile ConfigurableApplicationContext demo;

	public DevStack(Path root, JvmProfile profile, Map<String, String> environment) {
		this.catalog = new HeraldServices(root, profile);
		this.environment = Map.copyOf(environment);
	}

	public static void main(String[] args) throws InterruptedException {
		Path root = Path.of(System.getProperty("herald.root", ".")).toAbsolutePath().normalize();
		Instant started = Instant.now();
		JvmProfile profile = JvmProfile.fromSystemProperties();
		log.info("Services run with the {} JVM profile", profile.name().toLowerCase(java.util.Locale.ROOT));
		DevStack stack = new DevStack(root, profile, Map.of());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			log.info("Stopping Herald");
			stack.close();
		}, "dev-stack-shutdown"));
		stack.start();
		stack.startDemo();
		log.info("{}", stack.table(Duration.between(started, Instant.now())));
		// Ctrl-C ends the JVM once every shutdown hook is done. Returning
		// earlier would let exec:java close the class loader that other hooks
		// (the embedded PostgreSQL's) still load classes from.
		new CountDownLatch(1).await();
	}

	/**
	 * Starts the infrastructure and the six services and waits until all are healthy.
	 */
	public DevStack start() {
		checkPortsFree();
		this.infrastructure = Infrastructure.start();
		Path logs = this.catalog.root().resolve(".dev-stack").resolve("logs");
		this.catalog.specs(this.infrastructure, this.environment)
			.forEach((spec) -> this.services.add(ServiceProcess.start(spec, logs)));
		this.services.parallelStream().forEach((service) -> service.awaitHealthy(STARTUP_TIMEOUT));
		return this;
	}

	/** Starts the demo page on {@value DemoApplication#PORT}. */
	public void startDemo() {
		Map<String, String> urls = Map.of("ingest", url(HeraldServices.INGEST_PORT), "store",
				url(HeraldServices.STORE_PORT), "push", url(HeraldServices.PUSH_PORT), "device",
				url(HeraldServices.DEVICE_PORT), "digest", url(HeraldServices.DIGEST_PORT), "webpush",
				url(HeraldServices.WEBPUSH_PORT));
		DemoSettings settings = new DemoSettings(urls, DemoSettings.DEV_SECRET, "herald-dev", "herald",
				this.infrastructure.mqtt().host(), this.infrastructure.mqtt().port(), "makapix");
		this.demo = DemoApplication.start(settings, this.infrastructure.smtp()::receivedMessages, DemoApplication.PORT);
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static void checkPortsFree() {
		for (int port : List.of(DemoApplication.PORT, HeraldServices.INGEST_PORT, HeraldServices.STORE_PORT,
				HeraldServices.PUSH_PORT, HeraldServices.DEVICE_PORT, HeraldServices.DIGEST_PORT,
				HeraldServices.WEBPUSH_PORT)) {
			if (!FreePorts.isFree(port)) {
				throw new IllegalStateException("Port " + port + " is in use: is another Herald dev stack running?");
			}
		}
	}

	public Infrastructure infrastructure() {
		return this.infrastructure;
	}

	public List<ServiceProcess> services() {
		return List.copyOf(this.services);
	}

	public ServiceProcess service(String name) {
		return this.services.stream()
			.filter((service) -> service.spec().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
	}

	String table(Duration startup) {
		StringBuilder table = new StringBuilder("\n\nHerald is running (started in ").append(startup.toSeconds())
			.append(" s). Ctrl-C stops everything.\n\n");
		row(table, "what", "where");
		row(table, "----", "-----");
		if (this.demo != null) {
			row(table, "demo page", "http://localhost:" + DemoApplication.PORT);
		}
		for (ServiceProcess service : this.services) {
			row(table, service.spec().name(), service.baseUrl() + "  (pid " + service.pid() + ")");
		}
		row(table, "push WebSocket", "ws://127.0.0.1:" + HeraldServices.PUSH_PORT + "/v1/ws");
		row(table, "Kafka", this.infrastructure.kafka().bootstrapServers());
		row(table, "PostgreSQL",
				this.infrastructure.database().url() + " (" + this.infrastructure.database().source() + ")");
		row(table, "MQTT", this.infrastructure.mqtt().uri());
		row(table, "SMTP", this.infrastructure.smtp().host() + ":" + this.infrastructure.smtp().port());
		row(table, "logs", ".dev-stack/logs/<service>.log");
		return table.toString();
	}

	private static void row(StringBuilder table, String what, String where) {
		table.append(String.format("  %-22s %s%n", what, where));
	}

	/** Stops what has started, services first; safe at any point of {@link #start()}. */
	@Override
	public void close() {
		if (this.demo != null) {
			this.demo.close();
		}
		this.services.parallelStream().forEach(ServiceProcess::close);
		if (this.infrastructure != null) {
			this.infrastructure.close();
		}
	}

}
