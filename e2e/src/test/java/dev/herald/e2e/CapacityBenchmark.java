package dev.herald.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.herald.devstack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario "capacity": idle connections held by one gateway, and the gateway's heap per
 * connection after a full GC, for each size in {@code herald.bench.capacity}.
 */
@Tag("benchmark")
class CapacityBenchmark {

	private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

	private final ServiceProcess gateway = Herald.stack().service("push-gateway");

	@Test
	void capacity() {
		BenchmarkReport report = new BenchmarkReport("capacity");
		long baseline = heapAfterGc();
		report.line("Gateway heap after GC with no connections: %d MB%n", baseline >> 20);
		report.line(
				"| connections asked | held | failed | connect time s | heap after GC MB | heap per connection KB | gateway RSS MB |");
		report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		String histogram = "";
		for (int size : this.settings.capacitySizes()) {
			List<String> users = BenchmarkSettings.users("cap-" + UUID.randomUUID().toString().substring(0, 6), size);
			long started = System.nanoTime();
			try (ClientFleet fleet = ClientFleet.connect(users, (arrived, frame) -> {
			}, Duration.ofMinutes(15))) {
				double seconds = (System.nanoTime() - started) / 1e9;
				long heap = heapAfterGc();
				report.line("| %d | %d | %d | %.1f | %d | %.1f | %d |", size, fleet.online(), fleet.failures(), seconds,
						heap >> 20, (heap - baseline) / 1024.0 / Math.max(fleet.online(), 1),
						ServiceStats.rssKilobytes(this.gateway.pid()) >> 10);
				histogram = jcmd("GC.class_histogram");
			}
		}
		report.line("%nWhere the gateway's heap goes with the largest fleet (jcmd GC.class_histogram, top 25):%n");
		report.line("```%n%s```", histogram.lines().limit(28).reduce("", (all, line) -> all + line + "\n"));
		report.write();
	}

	/** Asks the gateway JVM for a full GC, then reads its heap. */
	private long heapAfterGc() {
		jcmd("GC.run");
		return ServiceStats.heapBytes(this.gateway);
	}

	/** Runs a {@code jcmd} command against the gateway and returns its output. */
	private String jcmd(String command) {
		Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
		try {
			Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(this.gateway.pid()),
					command)
				.redirectErrorStream(true)
				.start();
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

}
