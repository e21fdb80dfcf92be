package dev.herald.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The {@link JwtDecoder} of every service, over HTTP, WebSocket and SockJS alike: HS256
 * with a shared secret, or a JWKS URI. The signature, issuer and audience are checked,
 * and the token must have a non-blank {@code sub}, an {@code exp} that has not passed and
 * a lifetime of at most {@code herald.security.jwt.max-lifetime}. Unsigned
 * ({@code alg: none}) tokens and any other algorithm are refused by construction. What
 * was verified is kept per token ({@link CachingJwtDecoder}) unless
 * {@code herald.security.jwt.cache-size} is 0.
 */
@AutoConfiguration
@ConditionalOnClass(JwtDecoder.class)
@EnableConfigurationProperties(JwtProperties.class)
public class HeraldJwtAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(JwtProperties properties) {
		NimbusJwtDecoder decoder = baseDecoder(properties);
		decoder.setJwtValidator(validator(properties));
		return (properties.cacheSize() > 0)
				? new CachingJwtDecoder(decoder, properties.cacheSize(), properties.cacheTtl(), Clock.systemUTC())
				: decoder;
	}

	static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setAllowEmptyExpiryClaim(false);
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(properties.audience()));
		return JwtValidators
			.createDefaultWithValidators(List.of(timestamps, new JwtIssuerValidator(properties.issuer()), audience,
					new TokenClaimsValidator(properties.maxLifetime(), Clock.systemUTC())));
	}

	private static NimbusJwtDecoder baseDecoder(JwtProperties properties) {
		if (properties.jwkSetUri() != null && !properties.jwkSetUri().toString().isBlank()) {
			return NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
		}
		byte[] secret = secretBytes(properties);
		return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
	}

	static byte[] secretBytes(JwtProperties properties) {
		if (properties.secret() == null || properties.secret().isBlank()) {
			throw new IllegalStateException(
					"Set herald.security.jwt.jwk-set-uri (production) or herald.security.jwt.secret (HS256, dev); env HERALD_JWT_SECRET");
		}
		byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
		if (secret.length < JwtProperties.MIN_SECRET_BYTES) {
			throw new IllegalStateException("herald.security.jwt.secret must be at least "
					+ JwtProperties.MIN_SECRET_BYTES + " bytes for HS256, it has " + secret.length);
		}
		return secret;
	}

}
