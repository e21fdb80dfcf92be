package dev.herald.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario "cycles": {@code herald.bench.cycles} (5) times, {@code herald.bench.clients}
 * (10,000) browser-like clients connect to one gateway ({@link BenchmarkGateway}) and are
 * dropped again (1001, as closed tabs). Prints the gateway's RSS with the clients held
 * and after they are gone, for every cycle: memory that does not come back grows from
 * cycle to cycle. No GC is forced before the RSS is read (that would hide what a real
 * gateway holds); NMT's committed Java heap and the rest of what it tracks are read with
 * it, and the heap after a full GC last in each cycle.
 */
@Tag("benchmark")
class ConnectionCyclesBenchmark {

	private final int clients = Integer.getInteger("herald.bench.clients", 10_000);

	private final int cycles = Integer.getInteger("herald.bench.cycles", 5);

	@Test
	void cycles() {
		BenchmarkReport report = new BenchmarkReport("cycles");
		try (BenchmarkGateway gateway = new BenchmarkGateway();
				ClientFleet fleet = ClientFleet.start(ClientFleet.Options.DEFAULT, (arrived, frame) -> {
				})) {
			report.line("Gateway: %s; clients: %s%n", gateway.describe(), ClientFleet.Options.DEFAULT);
			report.line("RSS with no connection: %d MB%n", gateway.rssKilobytes() >> 10);
			report.line(
					"| cycle | held | failed | connect s | RSS held MB | RSS after drop MB | Java heap committed after drop MB | rest of NMT committed after drop MB | heap after GC (dropped) MB | vs. cycle 1 (after drop) |");
			report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
			long first = 0;
			for (int cycle = 1; cycle <= this.cycles; cycle++) {
				long started = System.nanoTime();
				fleet
					.open(BenchmarkSettings.users("cyc-" + UUID.randomUUID().toString().substring(0, 6), this.clients));
				fleet.awaitSettled(Duration.ofMinutes(10));
				double seconds = (System.nanoTime() - started) / 1e9;
				int held = fleet.online();
				int failed = fleet.failures();
				gateway.awaitConnections(held, Duration.ofMinutes(1));
				long rssHeld = gateway.rssKilobytes();
				fleet.drop();
				gateway.awaitConnections(0, Duration.ofMinutes(2));
				// let the closes finish (timers, buffers released) before reading
				await(Duration.ofSeconds(5));
				long rssDropped = gateway.rssKilobytes();
				Map<String, Long> committed = gateway.nativeMemory();
				long heapCommitted = committed.getOrDefault("Java Heap", 0L);
				long heap = gateway.heapAfterGc();
				if (cycle == 1) {
					first = rssDropped;
				}
				report.line("| %d | %d | %d | %.1f | %d | %d | %d | %d | %d | %+.1f %% |", cycle, held, failed, seconds,
						rssHeld >> 10, rssDropped >> 10, heapCommitted >> 10,
						(committed.getOrDefault("Total", 0L) - heapCommitted) >> 10, heap >> 20,
						100.0 * (rssDropped - first) / first);
			}
		}
		report.write();
	}

	private static void await(Duration pause) {
		long until = System.nanoTime() + pause.toNanos();
		org.awaitility.Awaitility.await()
			.atMost(pause.plusSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> System.nanoTime() >= until);
	}

}
