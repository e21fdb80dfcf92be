package dev.herald.webpush;

import java.time.Duration;
import java.util.List;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Web Push service ({@code herald.webpush.*}).
 *
 * @param subject the VAPID {@code sub} claim: a {@code mailto:} or {@code https:} contact
 * push services use to reach the operator (checked, like the keys, when the service
 * starts)
 * @param vapidPublicKey the VAPID public key, an uncompressed P-256 point in base64url
 * (what browsers take as {@code applicationServerKey})
 * @param vapidPrivateKey the VAPID private key, the 32-byte P-256 scalar in base64url;
 * from a secret, never in the image
 * @param allowedHosts push-service hosts an endpoint may name; {@code *.example.com}
 * matches any subdomain (not the domain itself)
 * @param allowHttp whether {@code http:} endpoints are accepted (only for a local test
 * push service)
 * @param maxSubscriptionsPerUser most subscriptions one user may hold
 * @param allowedOrigins browser origins allowed to call the REST API (CORS)
 * @param ttl how long a push service keeps a message for an offline browser
 * @param criticalTtl the same for critical notifications
 * @param requestTimeout how long one request to a push service may take
 * @param maxRetryAfter the longest {@code Retry-After} waited for in one attempt; longer
 * ones wait this long, then the record is retried as during an outage
 */
@ConfigurationProperties("herald.webpush")
@Validated
public record WebPushProperties(@NotBlank @Pattern(regexp = "(mailto|https):.+",
		message = "must be a mailto: or https: contact") @DefaultValue("mailto:webpush@herald.invalid") String subject,
		String vapidPublicKey, String vapidPrivateKey, @NotEmpty @DefaultValue( {
				"fcm.googleapis.com", "updates.push.services.mozilla.com", "*.notify.windows.com", "web.push.apple.com",
				"*.push.apple.com" }) List<@NotBlank String> allowedHosts,
		@DefaultValue("false") boolean allowHttp, @Positive @DefaultValue("20") int maxSubscriptionsPerUser,
		@DefaultValue({ "http://localhost:8080", "http://127.0.0.1:8080" }) List<@NotBlank String> allowedOrigins,
		@PositiveDuration @DefaultValue("1d") Duration ttl, @PositiveDuration @DefaultValue("7d") Duration criticalTtl,
		@PositiveDuration @DefaultValue("10s") Duration requestTimeout,
		@PositiveDuration @DefaultValue("30s") Duration maxRetryAfter){

}
