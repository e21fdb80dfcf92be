package dev.herald.ingest.user;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.herald.ingest.input.Fields;
import dev.herald.ingest.input.IdempotencyKey;
import dev.herald.ingest.input.TextRule;
import dev.herald.ingest.publish.KafkaPublisher;
import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.UserContact;

import org.springframework.stereotype.Service;

/** Checks contact details and erasures and writes them to Kafka. */
@Service
class UserService {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final int MAX_EMAIL = 254;

	private static final TextRule DISPLAY_NAME = TextRule.line(128, false);

	private final KafkaPublisher publisher;

	UserService(KafkaPublisher publisher) {
		this.publisher = publisher;
	}

	void putContact(String userId, ContactRequest request) {
		Fields fields = new Fields();
		UserContact contact = new UserContact(fields.id("userId", userId, true), email(fields, request.email()),
				fields.text("displayName", request.displayName(), DISPLAY_NAME), locale(fields, request.locale()),
				timeZone(fields, request.timeZone()), fields.attributes("attributes", request.attributes()),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		fields.throwIfAny();
		this.publisher.publishContact(contact);
	}

	/** Publishes the erasure and returns the id of its USER_DELETED event. */
	String erase(String userId, String idempotencyKey, String caller) {
		Fields fields = new Fields();
		fields.id("userId", userId, true);
		IdempotencyKey key = IdempotencyKey.of(fields, idempotencyKey, caller);
		fields.throwIfAny();
		String eventId = (key != null) ? key.eventId() : UUID.randomUUID().toString();
		this.publisher.publishErasure(userId,
				new SocialEvent(eventId, EventKind.USER_DELETED, Instant.now().truncatedTo(ChronoUnit.MILLIS), userId,
						null, null, null, null, null, false, Map.of(), null, null));
		return eventId;
	}

	private static String email(Fields fields, String value) {
		String email = fields.id("email", value, false);
		if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
			fields.add("email", "must be an e-mail address of at most " + MAX_EMAIL + " characters");
		}
		return email;
	}

	private static String locale(Fields fields, String value) {
		String tag = fields.id("locale", value, false);
		try {
			return (tag != null) ? new Locale.Builder().setLanguageTag(tag).build().toLanguageTag() : null;
		}
		catch (IllformedLocaleException ex) {
			fields.add("locale", "must be a BCP 47 language tag such as en or pt-BR");
			return null;
		}
	}

	private static String timeZone(Fields fields, String value) {
		String zone = fields.id("timeZone", value, false);
		try {
			return (zone != null) ? ZoneId.of(zone).getId() : null;
		}
		catch (DateTimeException ex) {
			fields.add("timeZone", "must be an IANA time zone such as Europe/Lisbon");
			return null;
		}
	}

}
