package dev.herald.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once per test JVM, before the first measurement: events at a low rate through the whole
 * pipeline, so that the JIT of every process (and the embedded broker) is warm. On a cold
 * stack the first minute is dominated by compilation: the broker then acknowledges late
 * and ingest answers 503.
 */
final class Warmup {

	private static final Logger log = LoggerFactory.getLogger(Warmup.class);

	private static final AtomicBoolean done = new AtomicBoolean();

	private Warmup() {
	}

	static void once() {
		if (done.compareAndSet(false, true)) {
			Duration duration = Duration.ofSeconds(Integer.getInteger("herald.bench.warmup-seconds", 45));
			List<String> users = BenchmarkSettings.users("warmup", 500);
			try (OpenModelGenerator generator = OpenModelGenerator.start(200, duration,
					(i) -> users.get(i % users.size()))) {
				generator.awaitAnswered(duration.plusMinutes(2));
				log.info("Warm-up: {} of {} events accepted in {} s", generator.accepted(), generator.total(),
						duration.toSeconds());
			}
		}
	}

}
