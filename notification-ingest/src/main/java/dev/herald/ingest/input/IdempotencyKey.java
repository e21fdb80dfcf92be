package dev.herald.ingest.input;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * An {@code Idempotency-Key} header, scoped to the caller ({@code sub} of its token),
 * from which event ids are derived as name-based UUIDs (version 5, RFC 9562): the same
 * caller and key always give the same ids, different callers never collide.
 *
 * @param caller the token's subject
 * @param key the header value
 */
public record IdempotencyKey(String caller, String key) {

	/** The header's name. */
	public static final String HEADER = "Idempotency-Key";

	private static final int MAX_LENGTH = 255;

	private static final UUID NAMESPACE = UUID.fromString("5f0b6f49-3d0e-4c4b-9a43-6c1f2f1f8e11");

	/**
	 * The key of {@code header}, or {@code null} if there is none or it is not 1 to 255
	 * printable ASCII characters (then a problem is added).
	 */
	public static IdempotencyKey of(Fields fields, String header, String caller) {
		if (header == null) {
			return null;
		}
		if (header.isEmpty() || header.length() > MAX_LENGTH
				|| !header.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			fields.add(HEADER, "must have 1 to " + MAX_LENGTH + " printable ASCII characters");
			return null;
		}
		return new IdempotencyKey(caller, header);
	}

	/** The event id of a single-event request. */
	public String eventId() {
		return nameBased(this.caller + '\n' + this.key).toString();
	}

	/** The event id of the {@code index}-th event of a batch. */
	public String eventId(int index) {
		return nameBased(this.caller + '\n' + this.key + '\n' + index).toString();
	}

	private static UUID nameBased(String name) {
		MessageDigest sha1 = sha1();
		sha1.update(ByteBuffer.allocate(16)
			.putLong(NAMESPACE.getMostSignificantBits())
			.putLong(NAMESPACE.getLeastSignificantBits())
			.array());
		ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
		long high = (hash.getLong() & ~0xF000L) | 0x5000L;
		long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-1", ex);
		}
	}

}
