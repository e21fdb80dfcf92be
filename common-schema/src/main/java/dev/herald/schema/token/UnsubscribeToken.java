package dev.herald.schema.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed token in unsubscribe links: HMAC-SHA256 over (user id, scope, issued-at)
 * with a secret the digest (which signs) and the store (which verifies) share through
 * configuration. Text form:
 * {@code v1.<base64url user>.<scope>.<issued-at epoch seconds>.<base64url mac>}. A token
 * names exactly one user; a changed byte makes it invalid, never someone else's.
 *
 * @param userId the user whose e-mail settings the token may change
 * @param scope what it may change, e.g. {@link #SCOPE_EMAIL}
 * @param issuedAt when it was signed
 */
public record UnsubscribeToken(String userId, String scope, Instant issuedAt) {

	/** Scope of tokens in digest e-mails: turns e-mail notifications off. */
	public static final String SCOPE_EMAIL = "email";

	private static final String VERSION = "v1";

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

	public UnsubscribeToken {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(issuedAt, "issuedAt");
		if (!scope.matches("[a-z_]+")) {
			throw new IllegalArgumentException("scope must be lower-case letters: " + scope);
		}
	}

	public static UnsubscribeToken email(String userId, Instant issuedAt) {
		return new UnsubscribeToken(userId, SCOPE_EMAIL, issuedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	public String sign(byte[] secret) {
		String payload = payload();
		return payload + "." + B64.encodeToString(mac(secret, payload));
	}

	/**
	 * The token's contents if its signature is valid, else empty; never throws for bad
	 * input.
	 */
	public static Optional<UnsubscribeToken> verify(String token, byte[] secret) {
		if (token == null || token.length() > 1024) {
			return Optional.empty();
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 5 || !VERSION.equals(parts[0])) {
			return Optional.empty();
		}
		String payload = String.join(".", parts[0], parts[1], parts[2], parts[3]);
		try {
			// The encoded forms are compared, so a signature with other unused bits in
			// its
			// last character (which decodes to the same bytes) is no valid token either.
			byte[] given = parts[4].getBytes(StandardCharsets.US_ASCII);
			if (!MessageDigest.isEqual(given, B64.encode(mac(secret, payload)))) {
				return Optional.empty();
			}
			String userId = new String(B64_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
			return Optional.of(new UnsubscribeToken(userId, parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3]))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private String payload() {
		return String.join(".", VERSION, B64.encodeToString(this.userId.getBytes(StandardCharsets.UTF_8)), this.scope,
				Long.toString(this.issuedAt.getEpochSecond()));
	}

	private static byte[] mac(byte[] secret, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
