package dev.herald.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import dev.herald.testinfra.KafkaBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario "recovery": while a stream of events flows, each consumer-group service (and
 * the push gateway, for comparison) is killed with {@code kill -9} and started again,
 * {@code herald.bench.recovery-runs} times each (10), and the first delivery after the
 * restarted process is healthy is timed. Static group membership should make the
 * restarted instance take its partitions back at once. Prints the distribution, asserts
 * nothing about time. {@code herald.bench.recovery-services} picks some of the four.
 */
@Tag("benchmark")
class RecoveryBenchmark {

	private static final int RUNS = Integer.getInteger("herald.bench.recovery-runs", 10);

	/**
	 * The services to restart ({@code herald.bench.recovery-services}, comma-separated;
	 * all four).
	 */
	private static final List<String> SERVICES = List.of(System
		.getProperty("herald.bench.recovery-services", "device-gateway,email-digest,notification-store,push-gateway")
		.split(","));

	@Test
	void recovery() {
		List<String> owners = IntStream.range(0, 4).mapToObj((i) -> "recovery-" + UUID.randomUUID()).toList();
		Mailbox mailbox = new Mailbox(Herald.stack().infrastructure().smtp());
		List<ResumingPushSession> tabs = new ArrayList<>();
		List<Player> players = new ArrayList<>();
		BenchmarkReport report = new BenchmarkReport("recovery");
		report.line("First delivery after a `kill -9`ed service is healthy again, %d restarts each (ms)%n", RUNS);
		report.line("| service | min | p50 | p90 | max | runs |\n| --- | ---: | ---: | ---: | ---: | ---: |");
		try {
			for (String owner : owners) {
				Mailbox.receiveDigestsAtOnce(owner);
				players.add(Player.subscribe(Player.register(owner)));
				tabs.add(ResumingPushSession.open(owner));
			}
			IntSupplier onTabs = () -> tabs.stream().mapToInt((tab) -> tab.received().size()).sum();
			IntSupplier onPlayers = () -> players.stream().mapToInt(Player::notificationCount).sum();
			IntSupplier mails = () -> mailbox.to(owners.stream().map(Mailbox::address).toList()).size();
			try (EventStream stream = EventStream.start(owners, Duration.ofMillis(100))) {
				await().atMost(Duration.ofMinutes(1))
					.until(() -> onTabs.getAsInt() > 0 && onPlayers.getAsInt() > 0 && mails.getAsInt() > 0);
				KafkaBroker kafka = Herald.stack().infrastructure().kafka();
				IntSupplier digestCommits = () -> (int) kafka.committed("herald-digest", "notifications.v1");
				List<Channel> channels = List.of(new Channel("device-gateway", "device-gateway", onPlayers),
						new Channel("email-digest (its consumer's first commit)", "email-digest", digestCommits),
						new Channel("email-digest (first e-mail)", "email-digest", mails),
						new Channel("notification-store", "notification-store", onTabs),
						new Channel("push-gateway", "push-gateway", onTabs));
				for (Channel channel : channels) {
					if (SERVICES.contains(channel.service())) {
						report.line(row(channel.label(), restarts(channel.service(), channel.deliveries())));
					}
				}
			}
		}
		finally {
			tabs.forEach(ResumingPushSession::close);
			players.forEach(Player::close);
		}
		report.line("%nThe digest's first e-mail includes its IMMEDIATE batching delay and scheduler interval"
				+ " (2 s and 1 s in the e2e stack); its consumer's first commit is when it reads again.");
		report.write();
	}

	/** What is timed: the next delivery on a channel after its service restarted. */
	private record Channel(String label, String service, IntSupplier deliveries) {
	}

	private static List<Long> restarts(String service, IntSupplier deliveries) {
		Recoveries recoveries = new Recoveries();
		for (int run = 0; run < RUNS; run++) {
			recoveries.killAndRestart(service, deliveries);
		}
		return recoveries.all().stream().map((recovery) -> recovery.firstDelivery().toMillis()).sorted().toList();
	}

	private static String row(String service, List<Long> millis) {
		return String.format("| %s | %d | %d | %d | %d | %d |", service, millis.get(0), percentile(millis, 50),
				percentile(millis, 90), millis.get(millis.size() - 1), millis.size());
	}

	private static long percentile(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

}
