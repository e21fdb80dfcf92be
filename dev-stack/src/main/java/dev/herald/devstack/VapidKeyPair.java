package dev.herald.devstack;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A VAPID key pair (P-256) for one run of the dev stack or the end-to-end tests, in the
 * base64url form web-push reads: the uncompressed public point and the 32-byte private
 * scalar. Production keys come from a secret instead and stay the same across deploys.
 *
 * @param publicKey base64url, 65 bytes
 * @param privateKey base64url, 32 bytes
 */
public record VapidKeyPair(String publicKey, String privateKey) {

	public static VapidKeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
			byte[] point = new byte[65];
			point[0] = 4;
			copy(publicKey.getW().getAffineX(), point, 1);
			copy(publicKey.getW().getAffineY(), point, 33);
			byte[] scalar = new byte[32];
			copy(((ECPrivateKey) pair.getPrivate()).getS(), scalar, 0);
			return new VapidKeyPair(encode(point), encode(scalar));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No P-256 in this JDK", ex);
		}
	}

	/** Writes the number big-endian into 32 bytes at {@code offset}. */
	private static void copy(BigInteger value, byte[] into, int offset) {
		byte[] bytes = value.toByteArray();
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
