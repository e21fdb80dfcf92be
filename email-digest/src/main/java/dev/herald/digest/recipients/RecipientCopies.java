package dev.herald.digest.recipients;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.ZoneId;

import dev.herald.schema.UserContact;
import dev.herald.schema.UserPreferences;
import dev.herald.support.kafka.InvalidRecordException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the contact and preference copies: validates each record, applies it unless an
 * older version arrives after a newer one, and tells the scheduler.
 */
@Service
class RecipientCopies {

	private static final String UPSERT_CONTACT = """
			INSERT INTO contacts (user_id, email, display_name, locale, time_zone, updated_at)
			VALUES (:userId, :email, :displayName, :locale, :timeZone, :updatedAt)
			ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
			    locale = EXCLUDED.locale, time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at
			WHERE contacts.updated_at <= EXCLUDED.updated_at
			""";

	private static final String UPSERT_PREFERENCES = """
			INSERT INTO preferences (user_id, frequency, send_hour, weekday, minimum_unread, time_zone, locale, updated_at)
			VALUES (:userId, :frequency, :sendHour, :weekday, :minimumUnread, :timeZone, :locale, :updatedAt)
			ON CONFLICT (user_id) DO UPDATE SET frequency = EXCLUDED.frequency, send_hour = EXCLUDED.send_hour,
			    weekday = EXCLUDED.weekday, minimum_unread = EXCLUDED.minimum_unread,
			    time_zone = EXCLUDED.time_zone, locale = EXCLUDED.locale, updated_at = EXCLUDED.updated_at
			WHERE preferences.updated_at <= EXCLUDED.updated_at
			""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	RecipientCopies(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Applies a contact record, or erases the user on a tombstone ({@code null}). */
	@Transactional
	void applyContact(String key, UserContact contact) {
		if (contact == null) {
			this.jdbc.sql("DELETE FROM contacts WHERE user_id = ?").param(requireKey(key)).update();
			this.jdbc.sql("DELETE FROM preferences WHERE user_id = ?").param(key).update();
			this.events.publishEvent(new RecipientErased(key));
			return;
		}
		validate(key, contact);
		int changed = this.jdbc.sql(UPSERT_CONTACT)
			.param("userId", contact.getUserId())
			.param("email", contact.getEmail())
			.param("displayName", contact.getDisplayName())
			.param("locale", contact.getLocale())
			.param("timeZone", contact.getTimeZone())
			.param("updatedAt", Timestamp.from(contact.getUpdatedAt()))
			.update();
		if (changed > 0) {
			this.events.publishEvent(new RecipientChanged(key));
		}
	}

	/** Applies a preferences record; a tombstone brings back the defaults. */
	@Transactional
	void applyPreferences(String key, UserPreferences preferences) {
		int changed;
		if (preferences == null) {
			changed = this.jdbc.sql("DELETE FROM preferences WHERE user_id = ?").param(requireKey(key)).update();
		}
		else {
			validate(key, preferences);
			changed = this.jdbc.sql(UPSERT_PREFERENCES)
				.param("userId", preferences.getUserId())
				.param("frequency", preferences.getDigest().getFrequency().name())
				.param("sendHour", preferences.getDigest().getSendHour())
				.param("weekday", preferences.getDigest().getWeekday())
				.param("minimumUnread", preferences.getDigest().getMinimumUnread())
				.param("timeZone", preferences.getTimeZone())
				.param("locale", preferences.getLocale())
				.param("updatedAt", Timestamp.from(preferences.getUpdatedAt()))
				.update();
		}
		if (changed > 0) {
			this.events.publishEvent(new RecipientChanged(key));
		}
	}

	private static void validate(String key, UserContact contact) {
		requireKeyOf(key, contact.getUserId());
		if (contact.getEmail() != null) {
			try {
				new InternetAddress(contact.getEmail(), true).validate();
			}
			catch (AddressException ex) {
				throw new InvalidRecordException("email is not a valid address: " + ex.getMessage());
			}
		}
		if (contact.getTimeZone() != null) {
			zone(contact.getTimeZone());
		}
	}

	private static void validate(String key, UserPreferences preferences) {
		requireKeyOf(key, preferences.getUserId());
		zone(preferences.getTimeZone());
		int hour = preferences.getDigest().getSendHour();
		int weekday = preferences.getDigest().getWeekday();
		if (hour < 0 || hour > 23) {
			throw new InvalidRecordException("digest.sendHour must be 0-23, was " + hour);
		}
		if (weekday < 1 || weekday > 7) {
			throw new InvalidRecordException("digest.weekday must be 1-7, was " + weekday);
		}
		if (preferences.getDigest().getMinimumUnread() < 0) {
			throw new InvalidRecordException("digest.minimumUnread must not be negative");
		}
	}

	private static void zone(String zone) {
		try {
			ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new InvalidRecordException("timeZone is not an IANA time zone: " + zone);
		}
	}

	private static String requireKey(String key) {
		if (key == null || key.isBlank()) {
			throw new InvalidRecordException("record key (user id) is missing");
		}
		return key;
	}

	private static void requireKeyOf(String key, String userId) {
		if (userId.isBlank() || !userId.equals(key)) {
			throw new InvalidRecordException("userId '" + userId + "' does not match the record key '" + key + "'");
		}
	}

}
