package dev.herald.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints HS256 tokens that {@link HeraldJwtAutoConfiguration} accepts with the same
 * secret, issuer and audience: for tests and for the dev stack's demo users. Never used
 * by the services themselves.
 */
public final class DevTokens {

	/** Scope upstream services need to publish events. */
	public static final String SCOPE_EVENTS_WRITE = "events:write";

	/** Scope of administrative calls. */
	public static final String SCOPE_ADMIN = "notifications:admin";

	private final byte[] secret;

	private final String issuer;

	private final String audience;

	public DevTokens(String secret, String issuer, String audience) {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.issuer = issuer;
		this.audience = audience;
	}

	public static DevTokens of(JwtProperties properties) {
		return new DevTokens(properties.secret(), properties.issuer(), properties.audience());
	}

	/** A user's token ({@code sub} = user id, no scopes), valid for an hour. */
	public String user(String userId) {
		return mint(userId, List.of(), Instant.now().plus(Duration.ofHours(1)), this.audience);
	}

	public String user(String userId, Duration validFor) {
		return mint(userId, List.of(), Instant.now().plus(validFor), this.audience);
	}

	/** A service's token with the given scopes, valid for an hour. */
	public String service(String serviceName, String... scopes) {
		return mint(serviceName, List.of(scopes), Instant.now().plus(Duration.ofHours(1)), this.audience);
	}

	public String mint(String subject, Collection<String> scopes, Instant expiresAt, String audience) {
		return sign(claims(subject, scopes, audience).expirationTime(Date.from(expiresAt)).build());
	}

	/**
	 * A correctly signed token for the right issuer and audience that every service must
	 * refuse (401) for its {@code flaw}; tests go through them all.
	 */
	public String flawed(Flaw flaw, String subject, String... scopes) {
		JWTClaimsSet.Builder claims = claims(subject, List.of(scopes), this.audience)
			.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
		switch (flaw) {
			case NO_SUBJECT -> claims.subject(null);
			case EMPTY_SUBJECT -> claims.subject("");
			case BLANK_SUBJECT -> claims.subject(" \t");
			case NO_EXPIRY -> claims.expirationTime(null);
			case LIFETIME_OVER_A_DAY -> claims.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(25))));
			case LIFETIME_OVER_A_DAY_WITHOUT_IAT ->
				claims.issueTime(null).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(25))));
		}
		return sign(claims.build());
	}

	/** {@code claims} signed with this secret, whatever they say. */
	public String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(this.secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a dev token: " + ex.getMessage(), ex);
		}
	}

	private JWTClaimsSet.Builder claims(String subject, Collection<String> scopes, String audience) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(this.issuer)
			.audience(audience)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(Instant.now().minusSeconds(1)));
		if (!scopes.isEmpty()) {
			claims.claim("scope", String.join(" ", scopes));
		}
		return claims;
	}

	/**
	 * What is wrong with a {@link #flawed} token; the lifetimes assume the default
	 * {@code herald.security.jwt.max-lifetime} of 24 h.
	 */
	public enum Flaw {

		/** No {@code sub} claim. */
		NO_SUBJECT,
		/** {@code sub: ""}. */
		EMPTY_SUBJECT,
		/** {@code sub} of white space only. */
		BLANK_SUBJECT,
		/** No {@code exp}: it would never expire. */
		NO_EXPIRY,
		/** {@code exp} 25 h after {@code iat}. */
		LIFETIME_OVER_A_DAY,
		/** No {@code iat}, {@code exp} 25 h from now. */
		LIFETIME_OVER_A_DAY_WITHOUT_IAT

	}

}
