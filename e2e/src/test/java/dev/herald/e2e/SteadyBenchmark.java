package dev.herald.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Scenario "steady": N connected clients (distinct users) and events at R/s through
 * ingest for T seconds, recipients first uniform, then Zipf-skewed. Latency runs from the
 * time an event was due to the frame arriving at its client. Prints figures, asserts
 * nothing about time.
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
		report.line("Settings: %s", this.settings);
		List<LatencyPlot.Series> plotted = new ArrayList<>();
		long connecting = System.nanoTime();
		try (ClientFleet fleet = ClientFleet.connect(users, this::arrived, Duration.ofMinutes(10))) {
			report.line("%d of %d clients connected in %.1f s (%d failed)%n", fleet.online(), users.size(),
					(System.nanoTime() - connecting) / 1e9, fleet.failures());
			report.line(BenchmarkReport.latencyHeader());
			List<String> details = new ArrayList<>();
			for (double exponent : new double[] { 0, this.settings.zipfExponent() }) {
				String label = (exponent == 0) ? "uniform" : String.format("zipf s=%.1f", exponent);
				Zipf recipients = new Zipf(users.size(), exponent);
				ServiceStats before = ServiceStats.sample();
				int duplicatesBefore = fleet.duplicates();
				Run run = new Run(OpenModelGenerator.start(this.settings.rate(), this.settings.duration(),
						(i) -> users.get(recipients.next())));
				this.current = run;
				run.generator().awaitAnswered(this.settings.duration().plusMinutes(2));
				double sendSeconds = run.generator().elapsedSeconds();
				awaitDelivered(run);
				report.line(BenchmarkReport.latencyRow(label, run.latency()));
				details.add(String.format(
						"%s: delivered/expected %d/%d, duplicates before dedupe %d, events/s achieved %.0f (sent %d in %.1f s, refused %d, max in flight %d)%n%n%s",
						label, run.delivered().get(), run.generator().accepted(), fleet.duplicates() - duplicatesBefore,
						run.generator().accepted() / sendSeconds, run.generator().total(), sendSeconds,
						run.generator().refused(), run.generator().maxInFlight(), ServiceStats.sample().since(before)));
				plotted.add(new LatencyPlot.Series(label, run.latency()));
				run.generator().close();
			}
			report.line("");
			details.forEach(report::line);
		}
		LatencyPlot.write(String.format("Herald steady: %d clients, %.0f events/s, delivery latency", users.size(),
				this.settings.rate()), plotted, BenchmarkReport.DIRECTORY.resolve("steady-latency.png"));
		report.write();
	}

	private static void awaitDelivered(Run run) {
		try {
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> run.delivered().get() >= run.generator().accepted());
		}
		catch (ConditionTimeoutException ex) {
			// reported as delivered/expected below
		}
	}

	private void arrived(long arrivedNanos, JsonNode frame) {
		Run run = this.current;
		int index = (run != null) ? run.generator().indexOf(frame.at("/notification/content/id").asString()) : -1;
		if (index >= 0) {
			run.latency().recordValue(Math.clamp(arrivedNanos - run.generator().dueNanos(index), 0, MAX_LATENCY_NANOS));
			run.delivered().incrementAndGet();
		}
	}

	private record Run(OpenModelGenerator generator, Histogram latency, AtomicInteger delivered) {

		Run(OpenModelGenerator generator) {
			this(generator, new ConcurrentHistogram(MAX_LATENCY_NANOS, 3), new AtomicInteger());
		}

	}

}
