package dev.herald.push;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prints how many idle connections the gateway holds and the heap they take, measured
 * from this JVM (client and server side together, so an upper bound for the server). Not
 * part of the normal build: {@code ./mvnw -pl push-gateway test
 * -Dtest=IdleConnectionFigures -Dherald.figures=3000}.
 */
@EnabledIfSystemProperty(named = "herald.figures", matches = "\\d+")
@TestPropertySource(properties = "herald.push.store-timeout=60s")
class IdleConnectionFigures extends GatewayTestSupport {

	private static final Logger log = LoggerFactory.getLogger(IdleConnectionFigures.class);

	IdleConnectionFigures(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void holdsIdleConnections() throws Exception {
		int connections = Integer.getInteger("herald.figures");
		long heapBefore = usedHeapAfterGc();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		long started = System.nanoTime();

		List<TestSocket> sockets = openAll(connections);
		await().atMost(Duration.ofMinutes(2)).until(() -> this.registry.connections() == connections);
		Duration openedIn = Duration.ofNanos(System.nanoTime() - started);
		long heapAfter = usedHeapAfterGc();
		int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

		log.info("FIGURES idle connections held: {} (opened in {} s)", this.registry.connections(),
				openedIn.toSeconds());
		log.info("FIGURES heap after GC: {} MiB before, {} MiB after; {} KiB per connection (client + server)",
				heapBefore >> 20, heapAfter >> 20, (heapAfter - heapBefore) / connections / 1024);
		log.info("FIGURES platform threads: {} before, {} after", threadsBefore, threadsAfter);
		assertThat(this.registry.connections()).isEqualTo(connections);
		sockets.forEach(TestSocket::close);
	}

	private List<TestSocket> openAll(int connections) throws Exception {
		try (ExecutorService openers = Executors.newFixedThreadPool(8)) {
			List<Future<TestSocket>> opened = IntStream.range(0, connections)
				.mapToObj((i) -> openers.submit(() -> TestSocket.connect(ws(), TOKENS.user(newUser()))))
				.toList();
			List<TestSocket> sockets = new ArrayList<>();
			for (Future<TestSocket> socket : opened) {
				sockets.add(socket.get());
			}
			return sockets;
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
