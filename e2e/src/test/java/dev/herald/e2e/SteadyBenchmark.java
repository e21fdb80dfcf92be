package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.devstack.HeraldServices;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Scenario "steady": N connected browser-like clients (distinct users) and events through
 * ingest at a constant rate, uniformly spread over the clients, each run
 * {@code herald.bench.seconds} long: by default 1,000 events/s in batches of 20, 1,000
 * events/s one per request, and 2,000 events/s in batches of 20
 * ({@code herald.bench.steady-runs=1000x20,1000x1,2000x20}). Latency runs from the time
 * an event was due to its frame arriving at its client. For every run it prints the whole
 * and every minute, the stages the services measure, the split of each event's latency at
 * the moment the store applied it, what was delivered exactly once, and the CPU and
 * memory of every process. With {@code herald.bench.seed-notifications} the store is
 * first filled ({@link StoreSeed}). Asserts nothing about time.
 */
@Tag("benchmark")
class SteadyBenchmark {

	private static final long MAX_LATENCY_NANOS = Duration.ofMinutes(10).toNanos();

	private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

	private volatile Run current;

	@Test
	void steady() {
		List<String> users = BenchmarkSettings.users("steady-" + UUID.randomUUID().toString().substring(0, 6),
				this.settings.clients());
		Warmup.once();
		BenchmarkReport report = new BenchmarkReport("steady");
		report.line("Settings: %s, runs %s%n", this.settings, runs());
		int seeded = Integer.getInteger("herald.bench.seed-notifications", 0);
		if (seeded > 0) {
			report.line("%s%n", StoreSeed.fill(seeded, Integer.getInteger("herald.bench.seed-users", 100_000)));
		}
		List<LatencyPlot.Series> plotted = new ArrayList<>();
		long connecting = System.nanoTime();
		long overflowsBefore = ServiceStats.listenOverflows();
		try (ClientFleet fleet = ClientFleet.connect(users, this::arrived, Duration.ofMinutes(10))) {
			report.line(
					"%d of %d clients connected in %.1f s (%d failed; %d connection attempts dropped by full accept queues)%n",
					fleet.online(), users.size(), (System.nanoTime() - connecting) / 1e9, fleet.failures(),
					ServiceStats.listenOverflows() - overflowsBefore);
			for (RunSpec spec : runs()) {
				Run run = measure(spec, users, fleet, report);
				plotted.add(new LatencyPlot.Series(spec.toString(), run.latency()));
			}
		}
		LatencyPlot.write(String.format("Herald steady: %d clients, delivery latency", users.size()), plotted,
				BenchmarkReport.DIRECTORY.resolve("steady-latency.png"));
		report.write();
	}

	private Run measure(RunSpec spec, List<String> users, ClientFleet fleet, BenchmarkReport report) {
		Zipf uniform = new Zipf(users.size(), 0);
		List<StageLatency> stages = stages();
		List<StageLatency.Buckets> stagesBefore = stages.stream().map(StageLatency::scrape).toList();
		ServiceStats before = ServiceStats.sample();
		int duplicatesBefore = fleet.duplicates();
		OpenModelGenerator generator = (spec.batch() == 1)
				? OpenModelGenerator.start(spec.rate(), this.settings.duration(), (i) -> users.get(uniform.next()))
				: OpenModelGenerator.startBatched(spec.rate(), this.settings.duration(),
						(i) -> users.get(uniform.next()), spec.batch());
		Run run = new Run(spec, generator, (int) Math.ceil(this.settings.duration().toSeconds() / 60.0));
		this.current = run;
		// the stages again from minute 2 on: minute 1 holds the catch-up after the
		// warm-up
		CompletableFuture<List<StageLatency.Buckets>> stagesAfterMinute1 = (this.settings.duration().toSeconds() > 60)
				? CompletableFuture.supplyAsync(() -> stages.stream().map(StageLatency::scrape).toList(),
						CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS))
				: null;
		generator.awaitAnswered(this.settings.duration().plusMinutes(2));
		double sendSeconds = generator.elapsedSeconds();
		awaitDelivered(run);
		ServiceStats after = ServiceStats.sample();
		List<StageLatency.Buckets> stagesAfter = stages.stream().map(StageLatency::scrape).toList();
		report.line("### %s%n", spec);
		report.line(BenchmarkReport.latencyHeader());
		report.line(BenchmarkReport.latencyRow("whole run", run.latency()));
		for (int minute = 0; minute < run.minutes().length; minute++) {
			report.line(BenchmarkReport.latencyRow("minute " + (minute + 1), run.minutes()[minute]));
		}
		report.line(
				"%nDelivered/expected %d/%d, duplicates before dedupe %d, events/s achieved %.0f (sent %d in %.1f s, refused %d, max requests in flight %d)%n",
				run.delivered().get(), generator.accepted(), fleet.duplicates() - duplicatesBefore,
				generator.accepted() / sendSeconds, generator.total(), sendSeconds, generator.refused(),
				generator.maxInFlight());
		report.line(
				"| event split (per event) | p50 ms | p99 ms | p99.9 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |");
		report.line(split("due → ingest answered (per request)", generator.acknowledgements(), TimeUnit.NANOSECONDS));
		report.line(split("due → applied by the store", run.dueToApplied(), TimeUnit.MILLISECONDS));
		report.line(split("applied by the store → frame at the client", run.appliedToClient(), TimeUnit.MILLISECONDS));
		report.line("");
		report.line(StageLatency.table(stages, stagesBefore, stagesAfter));
		if (stagesAfterMinute1 != null) {
			report.line("From minute 2 to the end:%n");
			report.line(StageLatency.table(stages, stagesAfterMinute1.join(), stagesAfter));
		}
		report.line("%n%s", after.since(before));
		generator.close();
		return run;
	}

	private static String split(String label, Histogram histogram, TimeUnit unit) {
		double scale = unit.toNanos(1) / 1e6;
		return String.format("| %s | %.1f | %.1f | %.1f | %.1f |", label, histogram.getValueAtPercentile(50) * scale,
				histogram.getValueAtPercentile(99) * scale, histogram.getValueAtPercentile(99.9) * scale,
				histogram.getMaxValue() * scale);
	}

	/** The stages the services time, from ingest's publish to the gateway's write. */
	static List<StageLatency> stages() {
		String store = Herald.url(HeraldServices.STORE_PORT);
		return List.of(
				new StageLatency("record on social.events.v1 → store batch committed", store,
						"herald_store_pipeline_lag"),
				new StageLatency("change row written → acknowledged on notifications.v1", store,
						"herald_store_relay_latency"),
				new StageLatency("published on notifications.v1 → frame written by the gateway",
						Herald.url(HeraldServices.PUSH_PORT), "herald_push_written_latency"));
	}

	private List<RunSpec> runs() {
		return Arrays.stream(System.getProperty("herald.bench.steady-runs", "1000x20,1000x1,2000x20").split(","))
			.map(String::trim)
			.map(RunSpec::parse)
			.toList();
	}

	private static void awaitDelivered(Run run) {
		try {
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> run.delivered().get() >= run.generator().accepted());
		}
		catch (ConditionTimeoutException ex) {
			// reported as delivered/expected
		}
	}

	private void arrived(long arrivedNanos, JsonNode frame) {
		Run run = this.current;
		int index = (run != null) ? run.generator().indexOf(frame.at("/notification/content/id").asString()) : -1;
		if (index < 0 || !run.seen().add(index)) {
			return;
		}
		long due = run.generator().dueNanos(index);
		long latency = Math.clamp(arrivedNanos - due, 0, MAX_LATENCY_NANOS);
		run.latency().recordValue(latency);
		int minute = (int) Math.min(run.minutes().length - 1,
				Math.max(0, (due - run.generator().dueNanos(0)) / TimeUnit.MINUTES.toNanos(1)));
		run.minutes()[minute].recordValue(latency);
		double applied = Instant.parse(frame.at("/notification/createdAt").asString()).toEpochMilli();
		run.dueToApplied()
			.recordValue(
					Math.clamp((long) (applied - run.generator().epochMillis(due)), 0, MAX_LATENCY_NANOS / 1_000_000));
		run.appliedToClient()
			.recordValue(Math.clamp((long) (run.generator().epochMillis(arrivedNanos) - applied), 0,
					MAX_LATENCY_NANOS / 1_000_000));
		run.delivered().incrementAndGet();
	}

	/** One run's rate and events per request, written {@code <rate>x<batch>}. */
	record RunSpec(double rate, int batch) {

		static RunSpec parse(String text) {
			String[] parts = text.split("x");
			return new RunSpec(Double.parseDouble(parts[0]), (parts.length > 1) ? Integer.parseInt(parts[1]) : 1);
		}

		@Override
		public String toString() {
			return String.format("%.0f events/s, %s", this.rate,
					(this.batch == 1) ? "one per request" : "batches of " + this.batch);
		}

	}

	private record Run(RunSpec spec, OpenModelGenerator generator, Histogram latency, Histogram[] minutes,
			Histogram dueToApplied, Histogram appliedToClient, AtomicInteger delivered, java.util.Set<Integer> seen) {

		Run(RunSpec spec, OpenModelGenerator generator, int minutes) {
			this(spec, generator, histogram(), minuteHistograms(minutes), new ConcurrentHistogram(600_000, 3),
					new ConcurrentHistogram(600_000, 3), new AtomicInteger(), ConcurrentHashMap.newKeySet());
		}

		private static Histogram histogram() {
			return new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
		}

		private static Histogram[] minuteHistograms(int minutes) {
			Histogram[] histograms = new Histogram[Math.max(1, minutes)];
			for (int i = 0; i < histograms.length; i++) {
				histograms[i] = histogram();
			}
			return histograms;
		}

	}

}
