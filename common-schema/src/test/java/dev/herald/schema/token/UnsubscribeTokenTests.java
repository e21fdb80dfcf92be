package dev.herald.schema.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsubscribeTokenTests {

	private static final byte[] SECRET = "a-secret-of-enough-length-for-hmac".getBytes(StandardCharsets.UTF_8);

	private final UnsubscribeToken token = UnsubscribeToken.email("user.ä/1", Instant.parse("2026-11-20T10:15:30Z"));

	@Test
	void verifiesWhatItSigned() {
		assertThat(UnsubscribeToken.verify(this.token.sign(SECRET), SECRET)).contains(this.token);
	}

	@Test
	void refusesAnotherSecret() {
		byte[] other = "another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8);
		assertThat(UnsubscribeToken.verify(this.token.sign(SECRET), other)).isEmpty();
	}

	@Test
	void refusesEveryTamperedPart() {
		String signed = this.token.sign(SECRET);
		String otherUser = UnsubscribeToken.email("user-2", this.token.issuedAt()).sign(SECRET);
		String[] parts = signed.split("\\.");
		String[] forged = otherUser.split("\\.");
		assertThat(UnsubscribeToken.verify(String.join(".", parts[0], forged[1], parts[2], parts[3], parts[4]), SECRET))
			.isEmpty();
		assertThat(UnsubscribeToken.verify(String.join(".", parts[0], parts[1], "all", parts[3], parts[4]), SECRET))
			.isEmpty();
		assertThat(UnsubscribeToken.verify(signed.substring(0, signed.length() - 2) + "AA", SECRET)).isEmpty();
	}

	@Test
	void acceptsOnlyTheCanonicalSpellingOfTheSignature() {
		String signed = this.token.sign(SECRET);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = signed.charAt(signed.length() - 1);
		// 32 MAC bytes take 43 characters; the last one carries 2 unused bits
		char sameBytes = alphabet.charAt(alphabet.indexOf(last) ^ 1);
		String variant = signed.substring(0, signed.length() - 1) + sameBytes;

		assertThat(Base64.getUrlDecoder().decode(variant.substring(variant.lastIndexOf('.') + 1)))
			.isEqualTo(Base64.getUrlDecoder().decode(signed.substring(signed.lastIndexOf('.') + 1)));
		assertThat(UnsubscribeToken.verify(variant, SECRET)).isEmpty();
	}

	@Test
	void refusesGarbageWithoutThrowing() {
		for (String garbage : new String[] { null, "", ".", "v1....", "v1.a.b.c.d", "v2.x.email.1.sig",
				"v1.%%.email.x.!!" }) {
			assertThat(UnsubscribeToken.verify(garbage, SECRET)).as(String.valueOf(garbage)).isEmpty();
		}
	}

}
