package dev.herald.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Keeps what the {@link JwtDecoder} verified for a token, keyed by the token's exact
 * text, for up to {@code ttl} and never past the token's {@code exp}: an upstream service
 * sends the same token with every request, and parsing, verifying and validating it is a
 * fixed cost of each. A token that fails is not kept, and one whose {@code exp} passes
 * while kept is verified again (and refused).
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Cache<String, Jwt> verified;

	private final Clock clock;

	CachingJwtDecoder(JwtDecoder delegate, int size, Duration ttl, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(new Expiry<String, Jwt>() {

			@Override
			public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
				Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
				return Math.max(0, Math.min(ttl.toNanos(), left.toNanos()));
			}

			@Override
			public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
				return currentDuration;
			}

			@Override
			public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.getIfPresent(token);
		Instant now = this.clock.instant();
		if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(now)) {
			return known;
		}
		Jwt jwt = this.delegate.decode(token);
		if (jwt.getExpiresAt() == null) {
			throw new JwtValidationException("exp: required", java.util.List.of());
		}
		this.verified.put(token, jwt);
		return jwt;
	}

}
