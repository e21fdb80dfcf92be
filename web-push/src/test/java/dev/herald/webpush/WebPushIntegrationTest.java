package dev.herald.webpush;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import com.interaso.webpush.VapidKeys;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.TestDatabase;
import dev.herald.testinfra.TestPushService;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on a real Kafka broker, a real PostgreSQL database and a real push
 * service ({@link TestPushService}, which verifies VAPID and decrypts), with a VAPID key
 * pair generated for the run. Each subclass brings its own database and registers it with
 * {@link #register}; its context is closed after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
public abstract class WebPushIntegrationTest {

	protected static final KafkaBroker kafka = KafkaBroker.shared();

	protected static final DevTokens tokens = new DevTokens("herald-dev-secret-change-me-0123456789abcdef",
			"herald-dev", "herald");

	protected static final VapidKeys vapid = VapidKeys.generate();

	protected static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	/** Properties for one test class: its database, consumer group, push service. */
	protected static void register(DynamicPropertyRegistry registry, TestDatabase db, TestPushService push) {
		kafka.registerProperties(registry);
		db.registerProperties(registry);
		push.expectApplicationServerKey(publicKey());
		String run = UUID.randomUUID().toString().substring(0, 8);
		registry.add("spring.kafka.consumer.group-id", () -> "herald-webpush-test-" + run);
		registry.add("herald.webpush.vapid-public-key", WebPushIntegrationTest::publicKey);
		registry.add("herald.webpush.vapid-private-key", WebPushIntegrationTest::privateKey);
		registry.add("herald.webpush.allowed-hosts", () -> "127.0.0.1");
		registry.add("herald.webpush.allow-http", () -> "true");
		registry.add("herald.kafka.dead-letter.outage-max-interval", () -> "500ms");
		registry.add("resilience4j.retry.instances.webpush.wait-duration", () -> "50ms");
		// shorter than the tests' Retry-After: 1, so that the wait outlives the retries
		registry.add("herald.webpush.max-retry-after", () -> "200ms");
	}

	protected static String publicKey() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(vapid.getApplicationServerKey());
	}

	/** The 32-byte private scalar, as {@code web-push generate-vapid-keys} prints it. */
	protected static String privateKey() {
		byte[] s = vapid.getPrivateKey().getS().toByteArray();
		byte[] scalar = new byte[32];
		int from = Math.max(0, s.length - 32);
		System.arraycopy(s, from, scalar, 32 - (s.length - from), s.length - from);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(scalar, 32));
	}

	protected static String newId(String kind) {
		return kind + "-" + UUID.randomUUID();
	}

	protected HttpResponse<String> call(String method, String path, String bearer, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody());
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Registers the browser's subscription for the user through the API. */
	protected String subscribe(String userId, TestPushService.Browser browser) throws Exception {
		HttpResponse<String> response = call("POST", "/v1/webpush/subscriptions", tokens.user(userId),
				browser.toJson());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.body();
	}

}
