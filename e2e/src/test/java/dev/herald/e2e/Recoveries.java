package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import dev.herald.devstack.DevStack;
import dev.herald.devstack.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * Breaks a part of the running stack, repairs it and times the first delivery after it is
 * back, on the channel that depends on it; keeps every such recovery.
 */
final class Recoveries {

	private static final Logger log = LoggerFactory.getLogger(Recoveries.class);

	private final List<Recovery> recoveries = new ArrayList<>();

	/** {@code kill -9} of a service, started again at once. */
	Recovery killAndRestart(String name, IntSupplier deliveries) {
		ServiceProcess service = Herald.stack().service(name);
		return recover("kill -9 " + name, service::kill, () -> {
			service.start();
			service.awaitHealthy(DevStack.STARTUP_TIMEOUT);
		}, deliveries);
	}

	/** Stops a server, keeps it down for {@code outage}, starts it again. */
	Recovery outage(String fault, Duration outage, Runnable stop, Runnable start, IntSupplier deliveries) {
		return recover(fault, () -> {
			stop.run();
			await().pollDelay(outage).atMost(outage.plusSeconds(1)).until(() -> true);
		}, start, deliveries);
	}

	/**
	 * Breaks something, repairs it, then waits for the next delivery on the channel that
	 * depends on it.
	 */
	Recovery recover(String fault, Runnable breakIt, Runnable repairIt, IntSupplier deliveries) {
		Instant broken = Instant.now();
		breakIt.run();
		repairIt.run();
		Instant back = Instant.now();
		int before = deliveries.getAsInt();
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> deliveries.getAsInt() > before);
		Recovery recovery = new Recovery(fault, Duration.between(broken, back), Duration.between(back, Instant.now()));
		log.info("{}: down {} ms, first delivery {} ms after it was back", fault, recovery.down().toMillis(),
				recovery.firstDelivery().toMillis());
		this.recoveries.add(recovery);
		return recovery;
	}

	List<Recovery> all() {
		return List.copyOf(this.recoveries);
	}

	String table() {
		StringBuilder table = new StringBuilder(
				String.format("  %-40s %10s %16s%n", "fault", "down ms", "recovery ms"));
		this.recoveries.forEach((recovery) -> table.append(String.format("  %-40s %10d %16d%n", recovery.fault(),
				recovery.down().toMillis(), recovery.firstDelivery().toMillis())));
		return table.toString();
	}

	/**
	 * One fault: how long the part was down and how long after it was back the first
	 * delivery arrived.
	 */
	record Recovery(String fault, Duration down, Duration firstDelivery) {

		/**
		 * Whether a bound applies: to restarted processes that deliver a stream. Digests
		 * are batched by design (IMMEDIATE means a few seconds to minutes), and a server
		 * that was away is found again by its clients' backoff.
		 */
		boolean promised() {
			return this.fault.startsWith("kill") && !this.fault.endsWith("email-digest");
		}

	}

}
