package dev.herald.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.herald.devstack.ServiceProcess;

/**
 * CPU time and memory of each service process, from {@code /proc} (Linux) and the
 * service's {@code /actuator/prometheus}.
 *
 * @param takenNanos when the sample was taken ({@link System#nanoTime()})
 * @param cpuTicks CPU time of each service in clock ticks (user + system)
 */
record ServiceStats(long takenNanos, Map<String, Long> cpuTicks) {

	/** {@code getconf CLK_TCK} on Linux. */
	static final double TICKS_PER_SECOND = 100;

	private static final HttpClient http = HttpClient.newHttpClient();

	/** The test JVM runs the Kafka broker, HiveMQ, GreenMail and the load generator. */
	static final String TEST_JVM = "test JVM (Kafka, MQTT, SMTP, clients)";

	static final String POSTGRES = "PostgreSQL (all backends)";

	/** The benchmark's WebSocket clients ({@code fleet.js}). */
	static final String CLIENTS = "client processes (Node.js)";

	/** Every process of the machine, from {@code /proc/stat}: what was left idle. */
	static final String MACHINE = "the whole machine (busy)";

	static ServiceStats sample() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		for (ServiceProcess service : Herald.stack().services()) {
			ticks.put(service.spec().name(), cpuTicks(service.pid()));
		}
		ticks.put(TEST_JVM, cpuTicks(ProcessHandle.current().pid()));
		ticks.put(POSTGRES,
				ProcessHandle.allProcesses()
					.filter((process) -> process.info().command().orElse("").contains("postgres"))
					.mapToLong((process) -> cpuTicks(process.pid()))
					.sum());
		ticks.put(CLIENTS,
				ProcessHandle.allProcesses()
					.filter((process) -> process.info()
						.arguments()
						.map(List::of)
						.orElse(List.of())
						.stream()
						.anyMatch((arg) -> arg.endsWith("fleet.js")))
					.mapToLong((process) -> cpuTicks(process.pid()))
					.sum());
		ticks.put(MACHINE, machineBusyTicks());
		return new ServiceStats(System.nanoTime(), ticks);
	}

	/** Average cores each process used since {@code before}. */
	Map<String, Double> coresSince(ServiceStats before) {
		double seconds = (this.takenNanos - before.takenNanos) / 1e9;
		Map<String, Double> cores = new LinkedHashMap<>();
		this.cpuTicks.forEach((name, ticks) -> cores.put(name,
				(ticks - before.cpuTicks.getOrDefault(name, ticks)) / TICKS_PER_SECOND / seconds));
		return cores;
	}

	/**
	 * One line per service: average cores used since {@code before}, heap used now, RSS.
	 */
	String since(ServiceStats before) {
		Map<String, Double> cores = coresSince(before);
		StringBuilder table = new StringBuilder(String
			.format("| process | CPU (cores, avg) | heap used (MB) | RSS (MB) |%n| --- | ---: | ---: | ---: |%n"));
		long services = 0;
		double servicesCores = 0;
		for (ServiceProcess service : Herald.stack().services()) {
			String name = service.spec().name();
			long rss = rssKilobytes(service.pid()) >> 10;
			services += rss;
			servicesCores += cores.get(name);
			table.append(
					String.format("| %s | %.2f | %d | %d |%n", name, cores.get(name), heapBytes(service) >> 20, rss));
		}
		table.append(String.format("| **the Herald services** | %.2f | | **%d** |%n", servicesCores, services));
		Runtime jvm = Runtime.getRuntime();
		long testJvm = rssKilobytes(ProcessHandle.current().pid()) >> 10;
		table.append(String.format("| %s | %.2f | %d | %d |%n", TEST_JVM, cores.get(TEST_JVM),
				(jvm.totalMemory() - jvm.freeMemory()) >> 20, testJvm));
		long postgres = postgresPssKilobytes() >> 10;
		table.append(String.format("| %s (RSS: proportional set size, shared memory counted once) | %.2f | | %d |%n",
				POSTGRES, cores.get(POSTGRES), postgres));
		table.append(String.format("| %s | %.2f | | |%n", CLIENTS, cores.get(CLIENTS)));
		table.append(String.format("| %s, of %d cores | %.2f | | |%n", MACHINE,
				Runtime.getRuntime().availableProcessors(), cores.get(MACHINE)));
		table.append(String.format(
				"%nThe Herald services held %d MB; with PostgreSQL %d MB (the test JVM, which holds the Kafka broker, HiveMQ, GreenMail and the load generator, %d MB more; the client processes are not counted).%n",
				services, services + postgres, testJvm));
		return table.toString();
	}

	static long heapBytes(ServiceProcess service) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/prometheus")).build();
		try {
			String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return body.lines()
				.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
				.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static long rssKilobytes(long pid) {
		return read(Path.of("/proc", Long.toString(pid), "status")).lines()
			.filter((line) -> line.startsWith("VmRSS:"))
			.map((line) -> line.replaceAll("\\D", ""))
			.mapToLong(Long::parseLong)
			.findFirst()
			.orElse(0);
	}

	/** Proportional set size of every PostgreSQL process, summed: shared buffers once. */
	static long postgresPssKilobytes() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().orElse("").contains("postgres"))
			.mapToLong((process) -> read(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup")).lines()
				.filter((line) -> line.startsWith("Pss:"))
				.map((line) -> line.replaceAll("\\D", ""))
				.mapToLong(Long::parseLong)
				.findFirst()
				.orElse(0))
			.sum();
	}

	/**
	 * Connections the kernel dropped so far because a listening socket's accept queue was
	 * full ({@code TcpExtListenOverflows}, all of the machine's listeners): each one
	 * costs its client a SYN retransmission, a second or more.
	 */
	static long listenOverflows() {
		List<String> tcpExt = read(Path.of("/proc/net/netstat")).lines()
			.filter((line) -> line.startsWith("TcpExt:"))
			.toList();
		if (tcpExt.size() < 2) {
			return 0;
		}
		List<String> names = List.of(tcpExt.get(0).split("\\s+"));
		List<String> values = List.of(tcpExt.get(1).split("\\s+"));
		int index = names.indexOf("ListenOverflows");
		return (index > 0) ? Long.parseLong(values.get(index)) : 0;
	}

	/** Ticks every CPU of the machine spent busy (not idle, not waiting for I/O). */
	private static long machineBusyTicks() {
		String first = read(Path.of("/proc/stat")).lines().findFirst().orElse("");
		if (!first.startsWith("cpu ")) {
			return 0;
		}
		List<Long> fields = List.of(first.substring(4).strip().split("\\s+")).stream().map(Long::parseLong).toList();
		long all = fields.stream().limit(8).mapToLong(Long::longValue).sum();
		return all - fields.get(3) - fields.get(4);
	}

	static long cpuTicks(long pid) {
		String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
		if (stat.isEmpty()) {
			return 0;
		}
		// fields after the command name, which is in parentheses and may hold spaces
		List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
		return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
	}

	/** The file's text, or empty when the process is gone. */
	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
