package dev.herald.ingest.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.herald.support.security.DevTokens;
import dev.herald.support.security.JwtProperties;
import dev.herald.testinfra.KafkaBroker;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dedicated broker that the test stops: requests must then fail with 503 and
 * {@code Retry-After} within the publish timeout, never hang, never get a 202.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "herald.ingest.publish-timeout=2s",
				"resilience4j.circuitbreaker.instances.kafka.minimum-number-of-calls=2",
				"resilience4j.circuitbreaker.instances.kafka.wait-duration-in-open-state=30s" })
@DirtiesContext
class BrokerDownTests {

	private static final Duration BOUND = Duration.ofSeconds(2);

	/** Slack for a loaded CI machine on top of the configured bound. */
	private static final Duration SLACK = Duration.ofMillis(1500);

	private static final KafkaBroker broker = KafkaBroker.start(1);

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI events;

	private final String token;

	BrokerDownTests(@LocalServerPort int port, JwtProperties jwt) {
		this.events = URI.create("http://localhost:" + port + "/v1/events");
		this.token = DevTokens.of(jwt).service("svc", DevTokens.SCOPE_EVENTS_WRITE);
	}

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		broker.registerProperties(registry);
	}

	@Test
	void stoppedBrokerGives503WithRetryAfterWithinTheBoundThenTheCircuitOpens() throws Exception {
		assertThat(postEvent().statusCode()).isEqualTo(202);
		broker.close();
		for (int i = 0; i < 2; i++) {
			assertUnavailableWithin(BOUND.plus(SLACK));
		}
		// Two failures open the circuit: now the answer comes at once.
		assertUnavailableWithin(Duration.ofMillis(500));
	}

	private void assertUnavailableWithin(Duration bound) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = postEvent();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(took).isLessThan(bound);
	}

	private HttpResponse<String> postEvent() throws Exception {
		String id = UUID.randomUUID().toString();
		Map<String, Object> event = Map.of("eventId", id, "kind", "FOLLOW", "recipientId", "u-" + id, "actor",
				Map.of("id", "a-" + id, "handle", "alice"));
		HttpRequest request = HttpRequest.newBuilder(this.events)
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build().writeValueAsString(event)))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
