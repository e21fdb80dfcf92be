package dev.herald.support.security;

import java.net.URI;
import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are checked. Exactly one of {@code secret} (HS256, dev and tests) or
 * {@code jwkSetUri} (production) is needed; with both, the JWKS wins.
 *
 * @param secret shared HS256 secret, at least 32 bytes
 * @param jwkSetUri JWKS endpoint of the identity provider
 * @param issuer required {@code iss} claim
 * @param audience value the {@code aud} claim must contain
 * @param maxLifetime longest lifetime a token may have: {@code exp - iat}, or
 * {@code exp - now} when it has no {@code iat}; a stolen token is useful for no longer
 * @param cacheSize tokens whose verified claims are kept, so that a token sent again (an
 * upstream service's, a browser's) is not parsed and verified on every request; 0 turns
 * the cache off
 * @param cacheTtl how long a verified token is kept at most (never past its {@code exp})
 */
@Validated
@ConfigurationProperties("herald.security.jwt")
public record JwtProperties(String secret, URI jwkSetUri, @DefaultValue("herald-dev") @NotBlank String issuer,
		@DefaultValue("herald") @NotBlank String audience, @DefaultValue("24h") @PositiveDuration Duration maxLifetime,
		@DefaultValue("1000") @Min(0) int cacheSize, @DefaultValue("5m") @PositiveDuration Duration cacheTtl) {

	/** Minimum HS256 key length: RFC 7518 section 3.2. */
	public static final int MIN_SECRET_BYTES = 32;

}
