package dev.herald.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What every Herald token must say besides its issuer and audience: who it is
 * ({@code sub}, not blank: services key users, scopes and idempotency on it) and until
 * when ({@code exp}, within {@code maxLifetime} of its {@code iat}, or of now when it has
 * none). Spring's own timestamp check accepts tokens without {@code exp}, which would
 * never expire. Spring fills a missing {@code iat} with {@code exp - 1s}; that value is
 * read as "no iat", which refuses nothing a real one-second token would pass.
 */
final class TokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

	private final Duration maxLifetime;

	private final Clock clock;

	TokenClaimsValidator(Duration maxLifetime, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
			return invalid("The token has no subject (sub)");
		}
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return invalid("The token has no expiry (exp)");
		}
		boolean hasIssuedAt = jwt.getIssuedAt() != null && !jwt.getIssuedAt().equals(expiresAt.minusSeconds(1));
		Instant from = hasIssuedAt ? jwt.getIssuedAt() : this.clock.instant();
		if (Duration.between(from, expiresAt).compareTo(this.maxLifetime) > 0) {
			return invalid("The token lives longer than " + this.maxLifetime + " (exp - "
					+ (hasIssuedAt ? "iat" : "now") + ")");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
