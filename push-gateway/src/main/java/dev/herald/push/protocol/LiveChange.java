package dev.herald.push.protocol;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.node.ObjectNode;

/**
 * A change read from Kafka, shared by every session of its user; its JSON is rendered
 * once per locale.
 */
public final class LiveChange {

	private final String userId;

	private final long seq;

	private final Instant occurredAt;

	private final long publishedAtMillis;

	private final ObjectNode frame;

	private final Map<Locale, String> json = new ConcurrentHashMap<>(2);

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
		return this.json.computeIfAbsent(locale, (key) -> ChangeFrames.localized(this.frame, key).toString());
	}

}
