package dev.herald.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A benchmark's figures as Markdown, logged and written to
 * {@code target/benchmarks/<name>.md} (where the plots go too).
 */
final class BenchmarkReport {

	static final Path DIRECTORY = Path.of("target", "benchmarks");

	private static final Logger log = LoggerFactory.getLogger(BenchmarkReport.class);

	private final String name;

	private final StringBuilder text = new StringBuilder();

	BenchmarkReport(String name) {
		this.name = name;
		this.text.append("## ").append(name).append(" (").append(Instant.now()).append(")\n\n");
		this.text.append(machine()).append("\n\n");
	}

	BenchmarkReport line(String format, Object... arguments) {
		this.text.append(String.format(format, arguments)).append('\n');
		return this;
	}

	/** A Markdown table row of latency figures in milliseconds. */
	static String latencyRow(String label, Histogram histogram) {
		return String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %d |", label, millis(histogram, 50),
				millis(histogram, 95), millis(histogram, 99), millis(histogram, 99.9), histogram.getMaxValue() / 1e6,
				histogram.getTotalCount());
	}

	static String latencyHeader() {
		return "| run | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | frames |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |";
	}

	private static double millis(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1e6;
	}

	void write() {
		try {
			Files.createDirectories(DIRECTORY);
			Files.writeString(DIRECTORY.resolve(this.name + ".md"), this.text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Benchmark {}:\n{}", this.name, this.text);
	}

	/** Cores, CPU model, memory, JDK and load average when the run started. */
	static String machine() {
		String cpu = read("/proc/cpuinfo").lines()
			.filter((line) -> line.startsWith("model name"))
			.findFirst()
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.orElse("unknown CPU");
		String memory = read("/proc/meminfo").lines().findFirst().orElse("").replaceAll("\\s+", " ");
		return String.format("Machine: %d cores (%s), %s, JDK %s, load average at start %s",
				Runtime.getRuntime().availableProcessors(), cpu, memory, Runtime.version(),
				read("/proc/loadavg").trim());
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
