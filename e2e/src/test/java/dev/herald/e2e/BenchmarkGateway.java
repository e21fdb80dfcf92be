package dev.herald.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.herald.devstack.JvmProfile;
import dev.herald.devstack.ServiceProcess;
import dev.herald.devstack.ServiceSpec;

import static org.awaitility.Awaitility.await;

/**
 * The push gateway of a memory or ramp benchmark, in place of the stack's: the same jar
 * and environment, started with the JVM options of {@code herald.bench.gateway-jvm}
 * (space-separated; default {@link #DEFAULT_OPTIONS}) and extra environment from
 * {@code herald.bench.gateway-env} ({@code KEY=value,KEY=value}), plus native memory
 * tracking so that {@link #nativeMemory()} works. {@link #close()} stops it and starts
 * the stack's gateway again. Also reads the gateway's memory: RSS, heap after a full GC,
 * NMT, threads, the class histogram.
 */
final class BenchmarkGateway implements AutoCloseable {

	/** The options the gateway is deployed with: the production profile's. */
	static final String DEFAULT_OPTIONS = JvmProfile.fromSystemProperties(JvmProfile.PRODUCTION)
		.javaToolOptions("push-gateway");

	private static final HttpClient http = HttpClient.newHttpClient();

	private final ServiceProcess stackGateway = Herald.stack().service("push-gateway");

	private final ServiceProcess process;

	private final List<String> jvmOptions;

	private final Map<String, String> environment;

	BenchmarkGateway() {
		this(options(System.getProperty("herald.bench.gateway-jvm", DEFAULT_OPTIONS)),
				environment(System.getProperty("herald.bench.gateway-env", "")));
	}

	BenchmarkGateway(List<String> jvmOptions, Map<String, String> extraEnvironment) {
		ServiceSpec spec = this.stackGateway.spec();
		this.jvmOptions = new ArrayList<>(jvmOptions);
		this.jvmOptions.add("-XX:NativeMemoryTracking=summary");
		Map<String, String> env = new HashMap<>(spec.environment());
		env.putAll(extraEnvironment);
		this.environment = extraEnvironment;
		this.stackGateway.close();
		this.process = ServiceProcess.start(new ServiceSpec(spec.name(), spec.jar(), spec.port(), env, this.jvmOptions),
				Path.of(System.getProperty("herald.root", "..")).resolve(".dev-stack").resolve("logs"));
		this.process.awaitHealthy(Duration.ofMinutes(5));
	}

	/** The options and environment it runs with, for the report. */
	String describe() {
		return String.join(" ", this.jvmOptions) + (this.environment.isEmpty() ? "" : " with " + this.environment);
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.close();
		this.stackGateway.start();
		this.stackGateway.awaitHealthy(Duration.ofMinutes(5));
	}

	/** Waits until the gateway holds {@code count} connections (its own gauge). */
	void awaitConnections(int count, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> connections() == count);
	}

	int connections() {
		return (int) metric("herald_push_connections");
	}

	/**
	 * A meter of {@code /actuator/prometheus}: the sum of its samples that have all the
	 * given labels (e.g. {@code area="heap"}).
	 */
	double metric(String name, String... labels) {
		return prometheus().lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	String prometheus() {
		return scrape(this.process.baseUrl());
	}

	/** The {@code /actuator/prometheus} page of the service at {@code baseUrl}. */
	static String scrape(String baseUrl) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Resident set size in KiB. */
	long rssKilobytes() {
		return ServiceStats.rssKilobytes(pid());
	}

	/** Threads of the process (platform threads; virtual threads are not counted). */
	int threads() {
		return (int) status("Threads:");
	}

	private long status(String field) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(pid()), "status"))
				.lines()
				.filter((line) -> line.startsWith(field))
				.map((line) -> line.replaceAll("\\D", ""))
				.mapToLong(Long::parseLong)
				.findFirst()
				.orElse(0);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Heap used right after a full GC ({@code jcmd GC.run}), in bytes. */
	long heapAfterGc() {
		jcmd("GC.run");
		return (long) metric("jvm_memory_used_bytes", "area=\"heap\"");
	}

	/**
	 * Committed KiB by NMT category (and {@code Total}), from {@code VM.native_memory}.
	 */
	Map<String, Long> nativeMemory() {
		Map<String, Long> committed = new LinkedHashMap<>();
		Matcher total = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher("");
		Matcher category = Pattern.compile("^-\\s+([\\w ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB").matcher("");
		for (String line : jcmd("VM.native_memory summary").lines().toList()) {
			if (total.reset(line.trim()).find()) {
				committed.put("Total", Long.parseLong(total.group(1)));
			}
			else if (category.reset(line.trim()).find()) {
				committed.put(category.group(1).trim(), Long.parseLong(category.group(2)));
			}
		}
		return committed;
	}

	/** The top of {@code GC.class_histogram} (after the full GC it triggers). */
	String classHistogram(int rows) {
		return jcmd("GC.class_histogram").lines().limit(rows + 3L).reduce("", (all, line) -> all + line + "\n");
	}

	/** Runs a {@code jcmd} command against the gateway and returns its output. */
	String jcmd(String command) {
		Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
		List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid())));
		line.addAll(Arrays.asList(command.split(" ")));
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor(60, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> options(String options) {
		return Arrays.stream(options.trim().split("\\s+")).filter((option) -> !option.isEmpty()).toList();
	}

	private static Map<String, String> environment(String pairs) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String pair : pairs.split(",")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				environment.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
			}
		}
		return environment;
	}

}
