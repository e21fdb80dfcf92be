package dev.herald.schema.rules;

import java.util.regex.Pattern;

import dev.herald.schema.EventKind;

/**
 * What a subscription topic key looks like: {@code <type>:<id>}, a lower-case word (the
 * kind of thing followed, like a content type) and an id of URL-safe characters, e.g.
 * {@code artwork:123}, {@code thread:9}, {@code creator:alice}. The one rule of ingest
 * and of the store (its API answers 400, its pipeline dead-letters an event with a bad
 * key), so that a key is safe in a URL path and in a Kafka key.
 */
public final class TopicKeys {

	/** The longest id part. */
	public static final int MAX_ID_LENGTH = 128;

	/** The rule as a regular expression, for bean validation and OpenAPI. */
	public static final String PATTERN = "[a-z][a-z0-9_]{0,31}:[A-Za-z0-9._~@+-]{1," + MAX_ID_LENGTH + "}";

	/** What a caller is told when a key breaks the rule. */
	public static final String RULE = "must be a topic key <type>:<id> such as thread:9: a lower-case word of at most "
			+ "32 characters, a colon, and 1 to " + MAX_ID_LENGTH + " letters, digits or . _ ~ @ + -";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private TopicKeys() {
	}

	public static boolean isTopicKey(String value) {
		return value != null && COMPILED.matcher(value).matches();
	}

	/** The topic of a piece of content, which deleting the content drops. */
	public static String ofContent(String type, String id) {
		return type + ":" + id;
	}

	/**
	 * Whether an event of the kind may name a topic instead of a recipient: every kind
	 * but {@code USER_DELETED}, which is about one user.
	 */
	public static boolean allowsTopic(EventKind kind) {
		return kind != EventKind.USER_DELETED;
	}

}
