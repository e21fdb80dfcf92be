package dev.herald.webpush.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.interaso.webpush.WebPush;
import dev.herald.webpush.WebPushProperties;
import dev.herald.webpush.subscription.Subscription;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Posts one message to one subscription's push service (RFC 8030): the body encrypted for
 * the subscription's keys (RFC 8291 aes128gcm) and the VAPID {@code Authorization} header
 * (RFC 8292), both made by {@code com.interaso:webpush}; the request goes out through the
 * JDK client here so that {@code Retry-After} can be read. Redirects are not followed:
 * the service posts only to allow-listed hosts.
 * <p>
 * A {@code Retry-After} is kept per push service (origin) until it passes: requests to
 * that service before then fail at once without being sent, so a wait longer than one
 * retry may take ({@code max-retry-after}) is still honoured while the record is retried
 * as an outage.
 */
@Component
class PushSender {

	private static final Logger log = LoggerFactory.getLogger(PushSender.class);

	private final WebPush webPush;

	private final Retry retry;

	private final Clock clock;

	private final Duration timeout;

	private final HttpClient http;

	private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

	PushSender(WebPush webPush, Retry webPushRetry, Clock clock, WebPushProperties properties) {
		this.webPush = webPush;
		this.retry = webPushRetry;
		this.clock = clock;
		this.timeout = properties.requestTimeout();
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.requestTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Sends, retrying a busy or silent push service.
	 * @throws PushServiceUnavailableException if it stays busy or silent
	 */
	PushOutcome send(Subscription subscription, PushRequest request) {
		try {
			return this.retry.executeSupplier(() -> attempt(subscription, request));
		}
		catch (PushServiceBusyException ex) {
			throw new PushServiceUnavailableException(
					"Push service of subscription " + subscription.id() + " unavailable: " + ex.getMessage(), ex);
		}
	}

	private PushOutcome attempt(Subscription subscription, PushRequest request) {
		String origin = this.webPush.getAudience(subscription.endpoint());
		Instant now = this.clock.instant();
		Instant deadline = this.notBefore.get(origin);
		if (deadline != null && now.isBefore(deadline)) {
			throw new PushServiceBusyException("Retry-After of " + origin + " until " + deadline,
					Duration.between(now, deadline), null);
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(subscription.endpoint())).timeout(this.timeout);
		this.webPush.getHeaders(subscription.endpoint(), request.ttlSeconds(), request.topic(), request.urgency())
			.forEach(builder::header);
		byte[] body = this.webPush.getBody(request.payload(), decode(subscription.p256dh()),
				decode(subscription.auth()));
		HttpResponse<String> response;
		try {
			response = this.http.send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new PushServiceBusyException(ex.toString(), null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PushServiceBusyException("interrupted", null, ex);
		}
		return outcome(subscription, origin, response);
	}

	private PushOutcome outcome(Subscription subscription, String origin, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status == 200 || status == 201 || status == 202) {
			return PushOutcome.SENT;
		}
		if (status == 404 || status == 410) {
			return PushOutcome.GONE;
		}
		if (status == 429 || status >= 500) {
			Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
					this.clock);
			if (retryAfter != null) {
				this.notBefore.put(origin, this.clock.instant().plus(retryAfter));
			}
			throw new PushServiceBusyException("HTTP " + status, retryAfter, null);
		}
		log.warn("Push service refused a message to subscription {} of user {}: HTTP {} {}", subscription.id(),
				subscription.userId(), status, abbreviate(response.body()));
		return PushOutcome.REJECTED;
	}

	private static byte[] decode(String base64Url) {
		return Base64.getUrlDecoder().decode(base64Url.replace("=", ""));
	}

	private static String abbreviate(String body) {
		return (body == null || body.length() <= 200) ? body : body.substring(0, 200) + "...";
	}

}
