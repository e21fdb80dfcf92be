package dev.herald.webpush.subscription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/webpush/subscriptions}: the browser's
 * {@code PushSubscription.toJSON()}. Its {@code expirationTime} (usually {@code null}) is
 * accepted and ignored: push services answer 404/410 when a subscription expired.
 *
 * @param endpoint the push service URL
 * @param expirationTime as the browser gives it
 * @param keys the message encryption keys
 */
record SubscriptionRequest(@NotBlank @Size(max = 2048) String endpoint, Long expirationTime,
		@NotNull @Valid Keys keys) {

	/**
	 * @param p256dh the browser's public key, base64url
	 * @param auth the browser's authentication secret, base64url
	 */
	record Keys(@NotBlank @Size(max = 128) String p256dh, @NotBlank @Size(max = 64) String auth) {

	}

}
