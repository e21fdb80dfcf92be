package dev.herald.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.herald.support.security.DevTokens;
import dev.herald.support.security.JwtProperties;
import dev.herald.testinfra.KafkaBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a random port, talking to the shared embedded Kafka broker,
 * called over real HTTP with tokens from {@link DevTokens}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class IngestHttpTest {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	protected DevTokens tokens;

	protected String token;

	protected MeterRegistry meters;

	private URI base;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		KafkaBroker.shared().registerProperties(registry);
	}

	@BeforeEach
	void connect(@LocalServerPort int port, ApplicationContext context) {
		this.base = URI.create("http://localhost:" + port);
		this.tokens = DevTokens.of(context.getBean(JwtProperties.class));
		this.token = this.tokens.service("upstream-test", DevTokens.SCOPE_EVENTS_WRITE);
		this.meters = context.getBean(MeterRegistry.class);
	}

	protected HttpResponse<String> post(String path, Object body) {
		return send(request(path, this.token).POST(json(body)));
	}

	protected HttpResponse<String> post(String path, Object body, String headerName, String headerValue) {
		return send(request(path, this.token).header(headerName, headerValue).POST(json(body)));
	}

	/**
	 * Posts the body as JSON without a length: chunked, as a streaming client sends it.
	 */
	protected HttpResponse<String> postChunked(String path, Object body) {
		byte[] bytes = JSON.writeValueAsBytes(body);
		return send(request(path, this.token)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
	}

	protected HttpResponse<String> postBytes(String path, byte[] body, String bearer) {
		return send(request(path, bearer).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Any request, as JSON unless {@code headers} set another Content-Type.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param body sent as given; none when null
	 * @param bearer the token; none when null
	 * @param headers more headers, replacing those of the same name
	 * @return the answer
	 */
	protected HttpResponse<String> send(String method, String path, String body, String bearer,
			Map<String, String> headers) {
		HttpRequest.Builder request = request(path, bearer).method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
						: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::setHeader);
		return send(request);
	}

	protected HttpResponse<String> put(String path, Object body) {
		return send(request(path, this.token).PUT(json(body)));
	}

	protected HttpResponse<String> delete(String path) {
		return send(request(path, this.token).DELETE());
	}

	protected HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
	}

	protected static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	protected double counter(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** A valid reaction event for {@code recipient}, as a mutable map. */
	protected static Map<String, Object> reaction(String eventId, String recipient) {
		return new LinkedHashMap<>(Map.of("eventId", eventId, "kind", "REACTION_ADDED", "occurredAt",
				Instant.now().minusSeconds(5).toString(), "recipientId", recipient, "actor",
				Map.of("id", "actor-" + recipient, "handle", "alice"), "content",
				Map.of("type", "artwork", "id", "art-1", "title", "Sunset"), "reaction", "🔥"));
	}

	private HttpRequest.Builder request(String path, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json");
		return (bearer != null) ? request.header("Authorization", "Bearer " + bearer) : request;
	}

	private static HttpRequest.BodyPublisher json(Object body) {
		String text = (body instanceof String string) ? string : JSON.writeValueAsString(body);
		return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
