package dev.herald.webpush.subscription;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.herald.webpush.WebPushProperties;

import org.springframework.stereotype.Component;

/**
 * What a subscription must be before the service posts to it: an absolute {@code https}
 * URL (plain {@code http} only when configured, for a local test push service) whose host
 * is on the allow-list of push services, without user info or fragment; and keys that RFC
 * 8291 can encrypt for, a P-256 public point and a 16-byte secret. The keys are checked
 * here, not at the first send, so a bad one is a 400 naming it instead of a failure on
 * every notification.
 */
@Component
class EndpointPolicy {

	private static final BigInteger P = new BigInteger(
			"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

	private static final BigInteger B = new BigInteger(
			"5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

	private final List<String> allowedHosts;

	private final boolean allowHttp;

	EndpointPolicy(WebPushProperties properties) {
		this.allowedHosts = properties.allowedHosts().stream().map((h) -> h.toLowerCase(Locale.ROOT)).toList();
		this.allowHttp = properties.allowHttp();
	}

	/**
	 * @throws InvalidSubscriptionException naming the field that is not acceptable
	 */
	void check(String endpoint, String p256dh, String auth) {
		checkEndpoint(endpoint);
		byte[] point = decode("keys.p256dh", p256dh);
		if (point.length != 65 || point[0] != 4 || !onCurve(point)) {
			throw new InvalidSubscriptionException("keys.p256dh",
					"must be an uncompressed P-256 public key (65 bytes, base64url)");
		}
		if (decode("keys.auth", auth).length != 16) {
			throw new InvalidSubscriptionException("keys.auth", "must be a 16-byte secret (base64url)");
		}
	}

	private void checkEndpoint(String endpoint) {
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidSubscriptionException("endpoint", "must be a URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !(this.allowHttp && scheme.equals("http"))) {
			throw new InvalidSubscriptionException("endpoint", "must be an https URL");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidSubscriptionException("endpoint", "must be an https URL with a host, no user or fragment");
		}
		if (!allowed(uri.getHost().toLowerCase(Locale.ROOT))) {
			throw new InvalidSubscriptionException("endpoint",
					"host " + uri.getHost() + " is not a known push service");
		}
	}

	private boolean allowed(String host) {
		for (String pattern : this.allowedHosts) {
			if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

	private static byte[] decode(String field, String value) {
		try {
			return Base64.getUrlDecoder().decode(value.replace("=", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSubscriptionException(field, "must be base64url");
		}
	}

	/** y² = x³ - 3x + b (mod p): a point off the curve would make ECDH unsafe or fail. */
	private static boolean onCurve(byte[] point) {
		BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33));
		BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65));
		if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
			return false;
		}
		BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
		return y.pow(2).mod(P).equals(right);
	}

}
