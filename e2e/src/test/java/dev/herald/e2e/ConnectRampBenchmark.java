package dev.herald.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.devstack.HeraldServices;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario "ramp": while the store serves {@code herald.bench.rate} (1,000) events/s
 * through ingest to the ramp's users, {@code herald.bench.clients} (10,000) browser-like
 * clients connect to one gateway ({@link BenchmarkGateway}) as fast as they can; prints
 * when 50 %, 90 %, 99 % and all of them had their {@code hello}, the closes (1013 = the
 * store did not answer in time) and refusals, and how many store calls the hellos took.
 * Then, with everyone connected and the events still flowing for
 * {@code herald.bench.seconds} (60), the gateway's own latency from a change's
 * publication on {@code notifications.v1} to its frame written
 * ({@code herald.push.written.latency}, the histogram's buckets over that window) and the
 * delivery latency the clients saw (event due → frame arrived).
 */
@Tag("benchmark")
class ConnectRampBenchmark {

	private static final long MAX_LATENCY_NANOS = Duration.ofMinutes(10).toNanos();

	/** Events per ingest request of the load during the ramp (1: one per request). */
	private static final int BATCH = Integer.getInteger("herald.bench.ramp-batch", 20);

	private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

	private final Histogram delivery = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);

	private final AtomicInteger delivered = new AtomicInteger();

	private volatile OpenModelGenerator generator;

	private volatile boolean measuring;

	@Test
	void ramp() {
		int clients = this.settings.clients();
		List<String> users = BenchmarkSettings.users("ramp-" + UUID.randomUUID().toString().substring(0, 6), clients);
		Warmup.once();
		BenchmarkReport report = new BenchmarkReport("ramp");
		ClientFleet.Options options = ClientFleet.Options.DEFAULT.withConnectingPerProcess(clients);
		Duration steady = this.settings.duration();
		try (BenchmarkGateway gateway = new BenchmarkGateway();
				ClientFleet fleet = ClientFleet.start(options, this::arrived)) {
			report.line("Gateway: %s; clients: %s; %.0f events/s through ingest to the ramp's users, %d per request%n",
					gateway.describe(), options, this.settings.rate(), BATCH);
			String store = Herald.url(HeraldServices.STORE_PORT);
			double batchCallsBefore = storeBatchCalls(store);
			double batchSecondsBefore = storeBatchMetric(store, "sum");
			this.generator = (BATCH > 1)
					? OpenModelGenerator.startBatched(this.settings.rate(), steady.plusSeconds(70),
							(i) -> users.get(i % users.size()), BATCH)
					: OpenModelGenerator.start(this.settings.rate(), steady.plusSeconds(70),
							(i) -> users.get(i % users.size()));
			await(Duration.ofSeconds(5));

			long started = System.nanoTime();
			long overflowsBefore = ServiceStats.listenOverflows();
			ServiceStats rampBefore = ServiceStats.sample();
			long gatewayTicksBefore = ServiceStats.cpuTicks(gateway.pid());
			fleet.open(users);
			fleet.awaitSettled(Duration.ofMinutes(5));
			long[] hellos = fleet.helloNanos();
			report.line(
					"| clients | with hello | failed | 1013 closes | 50 %% s | 90 %% s | 99 %% s | all s | store calls for the hellos | dropped by full accept queues |");
			report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
			report.line("| %d | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f | %d |%n", clients, hellos.length,
					fleet.failures(), fleet.closes(1013), at(hellos, 0.5, started), at(hellos, 0.9, started),
					at(hellos, 0.99, started), at(hellos, 1.0, started), storeBatchCalls(store) - batchCallsBefore,
					ServiceStats.listenOverflows() - overflowsBefore);
			report.line("The store answered those calls in %.1f s in all, the longest in %.1f s%n",
					storeBatchMetric(store, "sum") - batchSecondsBefore, storeBatchMetric(store, "max"));
			ServiceStats rampAfter = ServiceStats.sample();
			report
				.line("During the ramp (the benchmark's gateway: %.2f cores):%n%n%s",
						(ServiceStats.cpuTicks(gateway.pid()) - gatewayTicksBefore) / ServiceStats.TICKS_PER_SECOND
								/ ((rampAfter.takenNanos() - rampBefore.takenNanos()) / 1e9),
						rampAfter.since(rampBefore));
			if (!fleet.closes().isEmpty() || !fleet.errors().isEmpty()) {
				report.line("Closes: %s; never opened: %s%n", fleet.closes(), fleet.errors());
			}
			report.line("Events during the ramp: %d accepted, %d refused so far%n", this.generator.accepted(),
					this.generator.refused());

			Map<Double, Double> bucketsBefore = writtenBuckets(gateway);
			ServiceStats before = ServiceStats.sample();
			this.measuring = true;
			await(steady);
			this.measuring = false;
			Map<Double, Double> bucketsAfter = writtenBuckets(gateway);
			report.line("With %d clients connected, %d s at %.0f events/s:%n", fleet.online(), steady.toSeconds(),
					this.settings.rate());
			report.line("| published → frame written (gateway) | p50 ms | p99 ms | p99.9 ms | frames |");
			report.line("| --- | ---: | ---: | ---: | ---: |");
			report.line("| herald.push.written.latency (bucket upper bounds) | ≤ %s | ≤ %s | ≤ %s | %.0f |%n",
					quantile(bucketsBefore, bucketsAfter, 0.5), quantile(bucketsBefore, bucketsAfter, 0.99),
					quantile(bucketsBefore, bucketsAfter, 0.999), total(bucketsAfter) - total(bucketsBefore));
			report.line(BenchmarkReport.latencyHeader());
			report.line(BenchmarkReport.latencyRow("event due → frame at the client", this.delivery));
			report.line("%nDuplicates before dedupe: %d; gateway RSS %d MB, heap used %d MB%n", fleet.duplicates(),
					gateway.rssKilobytes() >> 10,
					(long) gateway.metric("jvm_memory_used_bytes", "area=\"heap\"") >> 20);
			report.line(ServiceStats.sample().since(before));
			this.generator.close();
		}
		report.write();
	}

	private void arrived(long arrivedNanos, JsonNode frame) {
		OpenModelGenerator current = this.generator;
		int index = (current != null) ? current.indexOf(frame.at("/notification/content/id").asString()) : -1;
		if (index >= 0 && this.measuring) {
			this.delivery.recordValue(Math.clamp(arrivedNanos - current.dueNanos(index), 0, MAX_LATENCY_NANOS));
			this.delivered.incrementAndGet();
		}
	}

	/** Seconds from {@code started} until {@code share} of the hellos had arrived. */
	private static double at(long[] sorted, double share, long started) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = Math.max(0, (int) Math.ceil(share * sorted.length) - 1);
		return (sorted[index] - started) / 1e9;
	}

	private static double storeBatchCalls(String store) {
		return storeBatchMetric(store, "count");
	}

	/**
	 * The store's {@code http_server_requests_seconds_<suffix>} of the batched lookups
	 * ({@code count}, {@code sum} or {@code max}).
	 */
	private static double storeBatchMetric(String store, String suffix) {
		return BenchmarkGateway.scrape(store)
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_" + suffix + "{")
					&& line.contains("uri=\"/v1/notifications/unread-count:batch\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.reduce(0, suffix.equals("max") ? Math::max : Double::sum);
	}

	/** Cumulative counts of {@code herald.push.written.latency} by bucket bound (s). */
	private static Map<Double, Double> writtenBuckets(BenchmarkGateway gateway) {
		Map<Double, Double> buckets = new TreeMap<>();
		gateway.prometheus()
			.lines()
			.filter((line) -> line.startsWith("herald_push_written_latency_seconds_bucket{"))
			.forEach((line) -> {
				String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
				buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
						Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
			});
		return buckets;
	}

	private static double total(Map<Double, Double> buckets) {
		return buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
	}

	/** The upper bound (ms) of the bucket holding quantile {@code q} of the window. */
	private static String quantile(Map<Double, Double> before, Map<Double, Double> after, double q) {
		double count = total(after) - total(before);
		for (Map.Entry<Double, Double> bucket : after.entrySet()) {
			if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= q * count && count > 0) {
				return bucket.getKey().isInfinite() ? "∞" : String.format("%.1f", bucket.getKey() * 1000);
			}
		}
		return "–";
	}

	private static void await(Duration pause) {
		long until = System.nanoTime() + pause.toNanos();
		org.awaitility.Awaitility.await()
			.atMost(pause.plusSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> System.nanoTime() >= until);
	}

}
