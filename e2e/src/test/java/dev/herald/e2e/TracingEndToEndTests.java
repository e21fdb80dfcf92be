package dev.herald.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.herald.devstack.HeraldServices;
import dev.herald.e2e.OtlpReceiver.ExportedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace follows an event from ingest's HTTP request through Kafka, the store's batch
 * and outbox, to the gateway's frame; the services export their spans over OTLP to
 * {@link OtlpReceiver}. The request carries a {@code traceparent} of the test's own, so
 * the trace is known without searching.
 */
class TracingEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startHerald() {
		Herald.stack();
	}

	@Test
	void oneTraceFollowsAnEventFromIngestThroughTheStoreToTheGatewaysFrame() throws Exception {
		String owner = "e2e-" + UUID.randomUUID();
		String traceId = hex(16);
		String callerSpan = hex(8);
		try (PushSession tab = PushSession.open(owner)) {
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tab.frames("hello")).isNotEmpty());
			assertThat(publish(reaction(owner), "00-" + traceId + "-" + callerSpan + "-01").statusCode())
				.isEqualTo(202);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tab.frames("notification")).hasSize(1));
		}

		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<ExportedSpan> trace = Herald.traces.trace(traceId);
			ExportedSpan request = only(trace, "notification-ingest", callerSpan);
			ExportedSpan event = named(trace, "notification-store", "herald.store.event");
			assertThat(ancestors(trace, event)).as("the store's event span descends from ingest's request")
				.contains(request.spanId());
			ExportedSpan relay = named(trace, "notification-store", "herald.store.relay");
			assertThat(relay.parentSpanId()).as("the outbox relay continues the event's span")
				.isEqualTo(event.spanId());
			ExportedSpan frame = named(trace, "push-gateway", "herald.push.frame");
			assertThat(frame.parentSpanId()).as("the gateway's frame continues the relay's span")
				.isEqualTo(relay.spanId());
			assertThat(Herald.traces.spans()).as("the batch span links the event's trace").anySatisfy((batch) -> {
				assertThat(batch.name()).isEqualTo("herald.store.batch");
				assertThat(batch.linkedTraceIds()).contains(traceId);
			});
		});
	}

	@Test
	void logLinesCarryTheTraceAndSpanIds() throws Exception {
		String traceId = hex(16);
		String user = "e2e-" + UUID.randomUUID();
		// the store logs an accepted erasure inside the request's span
		HttpRequest erase = HttpRequest
			.newBuilder(URI.create(Herald.url(HeraldServices.STORE_PORT) + "/v1/admin/users/" + user))
			.header("Authorization", "Bearer " + Herald.tokens.service("operator", "notifications:admin"))
			.header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
			.DELETE()
			.build();
		assertThat(http.send(erase, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(Files.readAllLines(log("notification-store")))
				.filteredOn((line) -> line.contains("Erasure of " + user))
				.singleElement()
				.satisfies((line) -> assertThat(line).containsPattern(traceId + "[-, ]+[0-9a-f]{16}")));
	}

	private static HttpResponse<String> publish(Map<String, Object> event, String traceParent)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(Herald.url(HeraldServices.INGEST_PORT) + "/v1/events"))
			.header("Authorization", "Bearer " + Herald.tokens.service("art-community", "events:write"))
			.header("Content-Type", "application/json")
			.header("traceparent", traceParent)
			.POST(HttpRequest.BodyPublishers.ofString(Api.json.writeValueAsString(event)))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, Object> reaction(String owner) {
		return Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED", "occurredAt",
				Instant.now().toString(), "recipientId", owner, "actor",
				Map.of("id", "e2e-" + UUID.randomUUID(), "handle", "tracy"), "content",
				Map.of("type", "artwork", "id", "art-t", "title", "Sunset"), "reaction", "🔥");
	}

	private static ExportedSpan only(List<ExportedSpan> trace, String service, String parentSpanId) {
		return trace.stream()
			.filter((span) -> span.service().equals(service) && span.parentSpanId().equals(parentSpanId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span of " + service + " under " + parentSpanId + " in " + trace));
	}

	private static ExportedSpan named(List<ExportedSpan> trace, String service, String name) {
		return trace.stream()
			.filter((span) -> span.service().equals(service) && span.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " of " + service + " in " + trace));
	}

	/** The span ids above a span in its trace, nearest first. */
	private static List<String> ancestors(List<ExportedSpan> trace, ExportedSpan span) {
		java.util.ArrayList<String> ancestors = new java.util.ArrayList<>();
		String parent = span.parentSpanId();
		while (!parent.isEmpty() && !ancestors.contains(parent)) {
			ancestors.add(parent);
			String current = parent;
			parent = trace.stream()
				.filter((candidate) -> candidate.spanId().equals(current))
				.map(ExportedSpan::parentSpanId)
				.findFirst()
				.orElse("");
		}
		return ancestors;
	}

	private static Path log(String service) {
		return Path.of(System.getProperty("herald.root", ".."))
			.toAbsolutePath()
			.normalize()
			.resolve(".dev-stack")
			.resolve("logs")
			.resolve(service + ".log");
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
