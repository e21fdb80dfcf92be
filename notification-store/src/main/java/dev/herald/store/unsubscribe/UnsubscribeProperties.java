package dev.herald.store.unsubscribe;

import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How unsubscribe links are verified.
 *
 * @param secret HMAC secret of the tokens, shared with email-digest, which signs them
 * ({@code HERALD_UNSUBSCRIBE_SECRET})
 */
@ConfigurationProperties("herald.store.unsubscribe")
@Validated
record UnsubscribeProperties(
		@DefaultValue("herald-dev-unsubscribe-secret-0123456789abcdef") @NotNull @Size(min = 32) String secret) {

	byte[] secretBytes() {
		return this.secret.getBytes(StandardCharsets.UTF_8);
	}

}
