package dev.herald.webpush.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.herald.testinfra.TestPushService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test push service is only worth its tests if it refuses what a real push service or
 * browser would: a VAPID token signed with another key, and a body encrypted for another
 * subscription.
 */
class TestPushServiceTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final TestPushService push = TestPushService.start();

	private final VapidKeys ours = VapidKeys.generate();

	@AfterEach
	void stop() {
		this.push.close();
	}

	@Test
	void aMessageSignedAndEncryptedRightIsTakenAndDecrypted() throws Exception {
		this.push.expectApplicationServerKey(encode(this.ours.getApplicationServerKey()));
		TestPushService.Browser browser = this.push.subscribe();
		assertThat(post(new WebPush("mailto:ops@example.com", this.ours), browser, browser)).isEqualTo(201);
		assertThat(this.push.received(browser)).singleElement()
			.satisfies((message) -> assertThat(message.payload()).isEqualTo("{\"hello\":\"world\"}"));
		assertThat(this.push.refusals()).isEmpty();
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
		this.push.expectApplicationServerKey(encode(this.ours.getApplicationServerKey()));
		TestPushService.Browser browser = this.push.subscribe();
		assertThat(post(new WebPush("mailto:ops@example.com", VapidKeys.generate()), browser, browser)).isEqualTo(401);
		assertThat(this.push.received(browser)).isEmpty();
		assertThat(this.push.refusals()).singleElement().asString().contains("vapid");
	}

	@Test
	void aBodyEncryptedForAnotherSubscriptionIsRefused() throws Exception {
		TestPushService.Browser browser = this.push.subscribe();
		TestPushService.Browser other = this.push.subscribe();
		assertThat(post(new WebPush("mailto:ops@example.com", this.ours), browser, other)).isEqualTo(400);
		assertThat(this.push.refusals()).singleElement().asString().contains("cannot decrypt");
	}

	@Test
	void scriptedAnswersComeInOrderThenCreated() throws Exception {
		TestPushService.Browser browser = this.push.subscribe();
		this.push.answer(browser, 429, "7");
		this.push.answer(browser, 410, null);
		WebPush webPush = new WebPush("mailto:ops@example.com", this.ours);
		assertThat(post(webPush, browser, browser)).isEqualTo(429);
		assertThat(post(webPush, browser, browser)).isEqualTo(410);
		assertThat(post(webPush, browser, browser)).isEqualTo(201);
		this.push.unsubscribe(browser);
		assertThat(post(webPush, browser, browser)).isEqualTo(410);
		assertThat(this.push.attempts(browser)).isEqualTo(4);
	}

	/** Posts to {@code to}'s endpoint a body encrypted for {@code keysOf}. */
	private static int post(WebPush webPush, TestPushService.Browser to, TestPushService.Browser keysOf)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.endpoint()));
		webPush.getHeaders(to.endpoint(), 60, null, WebPush.Urgency.Normal).forEach(request::header);
		byte[] body = webPush.getBody("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8),
				Base64.getUrlDecoder().decode(keysOf.p256dh()), Base64.getUrlDecoder().decode(keysOf.auth()));
		return HTTP
			.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
