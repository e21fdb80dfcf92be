package dev.herald.ingest.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.herald.support.security.DevTokens;
import dev.herald.support.security.JwtProperties;
import dev.herald.testinfra.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission control over real HTTP: with Kafka gone, every request waits up to the
 * publish timeout, so requests pile up; beyond {@code herald.ingest.in-flight} the next
 * one is answered 503 at once instead of being held in memory.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "herald.ingest.publish-timeout=4s", "herald.ingest.in-flight.max-requests=2",
				"herald.ingest.in-flight.max-bytes=2KB",
				"resilience4j.circuitbreaker.instances.kafka.minimum-number-of-calls=1000" })
@DirtiesContext
class InFlightLimitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final KafkaBroker broker = KafkaBroker.start(1);

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI base;

	private final String token;

	private final MeterRegistry meters;

	private final WebServerApplicationContext context;

	InFlightLimitTests(@LocalServerPort int port, JwtProperties jwt, MeterRegistry meters,
			WebServerApplicationContext context) {
		this.base = URI.create("http://localhost:" + port);
		this.token = DevTokens.of(jwt).service("svc", DevTokens.SCOPE_EVENTS_WRITE);
		this.meters = meters;
		this.context = context;
	}

	/**
	 * Each open connection holds Tomcat's buffers in the heap: the default cap (8192)
	 * filled the production heap, so ingest accepts at most 2048.
	 */
	@Test
	void tomcatAcceptsAtMost2048Connections() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		assertThat(server.getTomcat().getConnector().getProperty("maxConnections")).isEqualTo(2048);
	}

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		broker.registerProperties(registry);
	}

	@Test
	void beyondTheRequestsOrTheBytesInFlightTheNextRequestIsRefusedAtOnceAndTheOthersStillAnswered() throws Exception {
		broker.stop();
		try {
			requestsAndBytesAreBounded();
		}
		finally {
			// back up, so that the service's Kafka clients close at once
			broker.startAgain();
		}
	}

	private void requestsAndBytesAreBounded() throws Exception {
		// two small requests wait for Kafka; a third is one too many
		long sent = System.nanoTime();
		List<CompletableFuture<HttpResponse<String>>> waiting = IntStream.range(0, 2)
			.mapToObj((i) -> this.http.sendAsync(post("/v1/events", follow()), HttpResponse.BodyHandlers.ofString()))
			.toList();
		await().until(() -> inFlight() == 2);
		assertOverloaded(send(post("/v1/events", follow())), "max-requests");
		assertThat(waiting).allSatisfy((response) -> assertThat(response.get().statusCode()).isEqualTo(503));
		// within the publish timeout (4 s), also for the very first sends of a producer
		// that never reached Kafka (no wait for the cluster id of observations)
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(8));
		await().until(() -> inFlight() == 0);

		// one batch of about 1.5 KB waits; another 1.5 KB would pass the 2 KB of bodies
		String batch = JSON
			.writeValueAsString(Map.of("events", IntStream.range(0, 8).mapToObj((i) -> follow()).toList()));
		assertThat(batch.length()).isBetween(1024, 2048);
		CompletableFuture<HttpResponse<String>> big = this.http.sendAsync(post("/v1/events:batch", batch),
				HttpResponse.BodyHandlers.ofString());
		await().until(() -> inFlight() == 1);
		assertOverloaded(send(post("/v1/events:batch", batch)), "max-bytes");
		assertThat(big.get().statusCode()).isEqualTo(503);
		assertThat(big.get().headers().firstValue("Retry-After")).isPresent();
		await().until(() -> inFlight() == 0);
		assertThat(this.meters.counter("herald.ingest.requests.rejected", "reason", "overloaded").count()).isEqualTo(2);
	}

	private void assertOverloaded(Timed<HttpResponse<String>> answer, String limit) {
		HttpResponse<String> response = answer.value();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("title").asString()).isEqualTo("Too many requests in flight");
		assertThat(problem.path("detail").asString()).contains("herald.ingest.in-flight." + limit);
		// refused before any wait for Kafka (the others wait up to 4 s)
		assertThat(answer.took()).isLessThan(Duration.ofSeconds(2));
	}

	private double inFlight() {
		return this.meters.get("herald.ingest.requests.in-flight").gauge().value();
	}

	private Timed<HttpResponse<String>> send(HttpRequest request) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		return new Timed<>(response, Duration.ofNanos(System.nanoTime() - start));
	}

	private HttpRequest post(String path, Object body) {
		String json = (body instanceof String text) ? text : JSON.writeValueAsString(body);
		return HttpRequest.newBuilder(this.base.resolve(path))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	private static Map<String, Object> follow() {
		String id = UUID.randomUUID().toString();
		return Map.of("eventId", id, "kind", "FOLLOW", "recipientId", "u-" + id, "actor",
				Map.of("id", "a-" + id, "handle", "alice"));
	}

	private record Timed<T>(T value, Duration took) {
	}

}
