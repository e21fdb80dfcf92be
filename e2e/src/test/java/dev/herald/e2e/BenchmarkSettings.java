package dev.herald.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Benchmark sizes from system properties ({@code -Dherald.bench.clients=50000}), with the
 * issue's defaults.
 *
 * @param clients connected WebSocket clients, one user each
 * @param rate events per second through ingest
 * @param duration how long each steady run sends
 * @param zipfExponent skew of the second steady run (the first is uniform)
 * @param capacitySizes idle connections held for the capacity scenario
 * @param ingestRates the rates the ingest scenario steps through
 * @param stepDuration how long each ingest step lasts
 */
record BenchmarkSettings(int clients, double rate, Duration duration, double zipfExponent, List<Integer> capacitySizes,
		List<Integer> ingestRates, Duration stepDuration) {

	static BenchmarkSettings fromSystemProperties() {
		return new BenchmarkSettings(Integer.getInteger("herald.bench.clients", 10_000),
				Double.parseDouble(System.getProperty("herald.bench.rate", "1000")),
				Duration.ofSeconds(Integer.getInteger("herald.bench.seconds", 60)),
				Double.parseDouble(System.getProperty("herald.bench.zipf", "1.0")),
				integers(System.getProperty("herald.bench.capacity", "10000,20000,50000")),
				integers(System.getProperty("herald.bench.ingest-rates", "250,500,1000,2000,4000")),
				Duration.ofSeconds(Integer.getInteger("herald.bench.step-seconds", 20)));
	}

	/** {@code count} new user ids of one run. */
	static List<String> users(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + "-" + i).toList();
	}

	static List<Integer> integers(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

	@Override
	public String toString() {
		return String.format("clients=%d rate=%.0f/s duration=%ds zipf=%.2f capacity=%s ingest-rates=%s step=%ds",
				this.clients, this.rate, this.duration.toSeconds(), this.zipfExponent, this.capacitySizes,
				this.ingestRates, this.stepDuration.toSeconds());
	}

}
