package dev.herald.ingest.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.herald.ingest.IngestHttpTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws 10,000 random and mutated bodies (seeded, so every run sends the same ones) at
 * both event endpoints over real HTTP from {@value #CLIENTS} concurrent clients: none may
 * get a 5xx.
 */
class FuzzTests extends IngestHttpTest {

	private static final Logger log = LoggerFactory.getLogger(FuzzTests.class);

	private static final int BODIES = 10_000;

	private static final int CLIENTS = 8;

	private static final long SEED = 20261122L;

	private static final Object[] ODD_VALUES = { 0, -1, 1.5e308, true, false, null, List.of(), Map.of(), "",
			"x".repeat(70_000), "\u0000", "\uFEFF", "👩‍👩‍👧‍👦", "<script>", "9".repeat(2000),
			List.of(List.of(List.of())), Map.of("a", Map.of("b", Map.of())) };

	private static final String[] ODD_TOKENS = { "null", "{}", "[]", "\"", ",", ":", "1e999999", "-0", "true",
			"\\u0000", "\\ud800", "[".repeat(3000), "{\"a\":".repeat(1500), "\u0000", "\u202e" };

	@Test
	void noBodyGetsA5xx() throws InterruptedException {
		Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			for (int i = 0; i < BODIES; i++) {
				int index = i;
				clients.execute(() -> postMutated(index, statuses, failures));
			}
		}
		log.info("Fuzz: {} bodies, answers by status {}", BODIES, statuses);
		assertThat(failures).isEmpty();
		assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(BODIES);
		assertThat(statuses).containsKeys(202, 400, 413);
	}

	private void postMutated(int index, Map<Integer, Integer> statuses, List<String> failures) {
		// One seeded generator per body: the same bodies on every run, in any thread
		// order.
		Random random = new Random(SEED + index);
		String path = random.nextInt(4) == 0 ? "/v1/events:batch" : "/v1/events";
		byte[] body = body(random, path);
		var response = postBytes(path, body, this.token);
		statuses.merge(response.statusCode(), 1, Integer::sum);
		if (response.statusCode() >= 500) {
			failures.add("#" + index + " " + preview(body) + " -> " + response.statusCode() + " " + response.body());
		}
	}

	private static byte[] body(Random random, String path) {
		Map<String, Object> event = reaction(new UUID(random.nextLong(), random.nextLong()).toString(),
				"u-" + random.nextInt(1000));
		for (int n = random.nextInt(3); n > 0; n--) {
			replaceValue(random, event);
		}
		Object json = path.endsWith(":batch") ? Map.of("events", List.of(event, event)) : event;
		byte[] bytes = JSON.writeValueAsBytes(json);
		for (int n = random.nextInt(4); n > 0; n--) {
			bytes = mutate(random, bytes);
		}
		return bytes;
	}

	private static void replaceValue(Random random, Map<String, Object> event) {
		List<String> keys = new ArrayList<>(event.keySet());
		keys.add("attributes");
		keys.add("comment");
		keys.add("message");
		event.put(keys.get(random.nextInt(keys.size())), ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
	}

	private static byte[] mutate(Random random, byte[] bytes) {
		if (bytes.length == 0) {
			return bytes;
		}
		int at = random.nextInt(bytes.length);
		int length = 1 + random.nextInt(Math.min(20, bytes.length - at));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(bytes, 0, at);
		switch (random.nextInt(6)) {
			case 0 -> out.write(bytes, at + length, bytes.length - at - length);
			case 1 -> {
				out.write(bytes, at, length);
				out.write(bytes, at, bytes.length - at);
			}
			case 2 -> {
				out.write(random.nextInt(256));
				out.write(bytes, at + 1, bytes.length - at - 1);
			}
			case 3 -> {
				out.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xF0, (byte) 0x9F });
				out.write(bytes, at, bytes.length - at);
			}
			default -> {
				out.writeBytes(ODD_TOKENS[random.nextInt(ODD_TOKENS.length)].getBytes(StandardCharsets.UTF_8));
				out.write(bytes, at, bytes.length - at);
			}
		}
		return out.toByteArray();
	}

	private static String preview(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
