package dev.herald.push.protocol;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.socket.TextMessage;

/**
 * A change read from Kafka, shared by every session of its user; its frame is rendered
 * once per locale, as a {@link TextMessage} built from its UTF-8 bytes: the sessions'
 * send buffers ask every message for its length in bytes, which a message built from a
 * String answers by encoding the whole text again, twice per send.
 */
public final class LiveChange {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final String userId;

	private final long seq;

	private final Instant occurredAt;

	private final long publishedAtMillis;

	private final ObjectNode frame;

	private final Map<Locale, TextMessage> messages = new ConcurrentHashMap<>(2);

	LiveChange(String userId, long seq, Instant occurredAt, long publishedAtMillis, ObjectNode frame) {
		this.userId = userId;
		this.seq = seq;
		this.occurredAt = occurredAt;
		this.publishedAtMillis = publishedAtMillis;
		this.frame = frame;
	}

	public String userId() {
		return this.userId;
	}

	public long seq() {
		return this.seq;
	}

	public Instant occurredAt() {
		return this.occurredAt;
	}

	/**
	 * When the change was published on {@code notifications.v1} (the record's timestamp,
	 * epoch milliseconds), or -1 when unknown.
	 */
	public long publishedAtMillis() {
		return this.publishedAtMillis;
	}

	/** The frame as JSON text, the notification's {@code text} in {@code locale}. */
	public String json(Locale locale) {
		return message(locale).getPayload();
	}

	/**
	 * The frame as a text message, the notification's {@code text} in {@code locale}; the
	 * same instance for every session in that locale.
	 */
	public TextMessage message(Locale locale) {
		// straight to UTF-8 bytes: a String first (toString) costs the text three more
		// times over (Jackson's char buffers, the String, UTF-8 encoding's scratch array)
		return this.messages.computeIfAbsent(locale,
				(key) -> new TextMessage(JSON.writeValueAsBytes(ChangeFrames.localized(this.frame, key))));
	}

}
