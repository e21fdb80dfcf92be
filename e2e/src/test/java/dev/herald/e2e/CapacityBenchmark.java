package dev.herald.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario "capacity": browser-like clients ({@link ClientFleet}, offering
 * permessage-deflate) held idle by one gateway, for each size in
 * {@code herald.bench.capacity}; for each, a freshly started gateway
 * ({@link BenchmarkGateway}) is measured with no connection and then with the size held:
 * RSS, heap after a full GC, native memory (NMT) by category, threads. The per-connection
 * figures are the differences divided by the connections held. The class histogram of the
 * size nearest 10,000 shows where the heap goes.
 */
@Tag("benchmark")
class CapacityBenchmark {

	private static final List<String> NMT_CATEGORIES = List.of("Java Heap", "Class", "Thread", "Code", "GC", "Internal",
			"Other", "Symbol", "Native Memory Tracking", "Arena Chunk", "Metaspace", "Total");

	/** 20,000 is the most this machine allows: the gateway's open-file limit. */
	private final List<Integer> sizes = Arrays
		.stream(System.getProperty("herald.bench.capacity", "2000,10000,19500").split(","))
		.map(String::trim)
		.map(Integer::valueOf)
		.toList();

	@Test
	void capacity() {
		BenchmarkReport report = new BenchmarkReport("capacity");
		StringBuilder nativeRows = new StringBuilder();
		String histogram = "";
		int histogramSize = this.sizes.stream().min((a, b) -> Math.abs(a - 10_000) - Math.abs(b - 10_000)).orElse(0);
		report.line("Clients: %s%n", ClientFleet.Options.DEFAULT);
		boolean first = true;
		for (int size : this.sizes) {
			try (BenchmarkGateway gateway = new BenchmarkGateway();
					ClientFleet fleet = ClientFleet.start(ClientFleet.Options.DEFAULT, (arrived, frame) -> {
					})) {
				if (first) {
					report.line("Gateway: %s%n", gateway.describe());
					report
						.line("| connections asked | held | failed | connect s | RSS MB (idle → held) | RSS per connection KB "
								+ "| heap after GC MB (idle → held) | heap per connection KB | NMT committed MB | RSS outside NMT MB "
								+ "| threads | 101 answered |");
					report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
					first = false;
				}
				Snapshot idle = Snapshot.of(gateway);
				long started = System.nanoTime();
				fleet.open(BenchmarkSettings.users("cap-" + UUID.randomUUID().toString().substring(0, 6), size));
				fleet.awaitSettled(Duration.ofMinutes(10));
				double seconds = (System.nanoTime() - started) / 1e9;
				int held = fleet.online();
				gateway.awaitConnections(held, Duration.ofMinutes(1));
				Snapshot busy = Snapshot.of(gateway);
				double perConnection = 1.0 / Math.max(held, 1);
				report.line("| %d | %d | %d | %.1f | %d → %d | %.1f | %d → %d | %.1f | %d | %d | %d | %s |", size, held,
						fleet.failures(), seconds, idle.rssKb() >> 10, busy.rssKb() >> 10,
						(busy.rssKb() - idle.rssKb()) * perConnection, idle.heapBytes() >> 20, busy.heapBytes() >> 20,
						(busy.heapBytes() - idle.heapBytes()) / 1024.0 * perConnection, busy.nmtTotalKb() >> 10,
						(busy.rssKb() - busy.nmtTotalKb()) >> 10, busy.threads(), answered(fleet));
				if (!fleet.closes().isEmpty() || !fleet.errors().isEmpty()) {
					report.line("(closes: %s; never opened: %s)", fleet.closes(), fleet.errors());
				}
				nativeRows.append(nativeRow(size, held, idle, busy));
				if (size == histogramSize) {
					histogram = gateway.classHistogram(25);
				}
			}
		}
		report.line("%nNative memory (NMT, committed) per connection held, KB, by category:%n");
		report.line("| connections | %s |", String.join(" | ", NMT_CATEGORIES));
		report.line("| ---: |%s", " ---: |".repeat(NMT_CATEGORIES.size()));
		report.line(nativeRows.toString());
		report.line("%nWhere the gateway's heap goes with %d connections (jcmd GC.class_histogram, top 25):%n",
				histogramSize);
		report.line("```%n%s```", histogram);
		report.write();
	}

	/**
	 * What the upgrades answered in {@code Sec-WebSocket-Extensions}, e.g. "- × 2000".
	 */
	static String answered(ClientFleet fleet) {
		return fleet.extensions()
			.entrySet()
			.stream()
			.map((entry) -> "`" + entry.getKey() + "` × " + entry.getValue())
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
	}

	private static String nativeRow(int size, int held, Snapshot idle, Snapshot busy) {
		StringBuilder row = new StringBuilder("| " + held + " |");
		for (String category : NMT_CATEGORIES) {
			long delta = busy.nativeKb().getOrDefault(category, 0L) - idle.nativeKb().getOrDefault(category, 0L);
			row.append(String.format(" %.2f |", delta / (double) Math.max(held, 1)));
		}
		return row.append('\n').toString();
	}

	/** The gateway's memory at one moment; the heap figure is after a full GC. */
	record Snapshot(long rssKb, long heapBytes, Map<String, Long> nativeKb, int threads) {

		static Snapshot of(BenchmarkGateway gateway) {
			long rss = gateway.rssKilobytes();
			long heap = gateway.heapAfterGc();
			return new Snapshot(rss, heap, new LinkedHashMap<>(gateway.nativeMemory()), gateway.threads());
		}

		long nmtTotalKb() {
			return this.nativeKb.getOrDefault("Total", 0L);
		}

	}

}
