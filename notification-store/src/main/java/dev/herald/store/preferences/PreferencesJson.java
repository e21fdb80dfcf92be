package dev.herald.store.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.NotificationType;
import dev.herald.store.preferences.Preferences.Channels;

/**
 * The JSON bodies of the preferences API. Requests reject unknown fields (a misspelt
 * field would otherwise silently reset that setting to its default on a {@code PUT}), as
 * every request body of the services does.
 */
final class PreferencesJson {

	static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	private PreferencesJson() {
	}

	/**
	 * The whole preferences as {@code GET} answers and {@code PUT} takes them.
	 *
	 * @param types channel switches of every notification type
	 * @param digest the e-mail digest schedule
	 * @param quietHours quiet hours, or null
	 * @param timeZone IANA time zone id
	 * @param locale BCP 47 language tag
	 * @param mutedActors muted actor ids
	 * @param mutedContent muted content keys ({@code type:id})
	 * @param aggregation whether reactions and comments on one content are aggregated
	 * @param updatedAt when they were saved, null for the defaults (ignored in requests)
	 */
	record Document(Map<String, TypeSwitches> types, DigestJson digest, QuietHoursJson quietHours, String timeZone,
			String locale, List<String> mutedActors, List<String> mutedContent, boolean aggregation,
			Instant updatedAt) {

		static Document of(Preferences preferences) {
			Map<String, TypeSwitches> types = new LinkedHashMap<>();
			for (NotificationType type : NotificationType.values()) {
				Channels channels = preferences.channelsOf(type);
				types.put(type.name(),
						new TypeSwitches(channels.inApp(), channels.device(), channels.email(), channels.webPush()));
			}
			Preferences.Digest digest = preferences.digest();
			Preferences.QuietHours quiet = preferences.quietHours();
			return new Document(types,
					new DigestJson(digest.frequency(), digest.sendHour(), digest.weekday(), digest.minimumUnread()),
					(quiet != null) ? new QuietHoursJson(text(quiet.start()), text(quiet.end())) : null,
					preferences.timeZone(), preferences.locale(), List.copyOf(preferences.mutedActors()),
					List.copyOf(preferences.mutedContent()), preferences.aggregation(), preferences.updatedAt());
		}

		private static String text(LocalTime time) {
			return HOUR_MINUTE.format(time);
		}

	}

	/**
	 * A {@code PUT} body: {@link Document} with every field optional (omitted fields take
	 * the defaults); {@code updatedAt} is accepted and ignored.
	 *
	 * @param types switches of the types to change from the defaults
	 * @param digest the schedule, fields omitted take the defaults
	 * @param quietHours quiet hours, or null for none
	 * @param timeZone IANA time zone id
	 * @param locale BCP 47 language tag
	 * @param mutedActors muted actor ids
	 * @param mutedContent muted content keys
	 * @param aggregation whether to aggregate
	 */
	@JsonIgnoreProperties("updatedAt")
	record Replacement(Map<String, TypeSwitchesChange> types, DigestChange digest, QuietHoursJson quietHours,
			String timeZone, String locale, List<String> mutedActors, List<String> mutedContent, Boolean aggregation) {

	}

	/**
	 * The channel switches of one type.
	 *
	 * @param inApp in the inbox (and so anywhere)
	 * @param device on the user's players
	 * @param email in e-mail digests
	 * @param webPush to the user's browsers' push subscriptions (off by default)
	 */
	record TypeSwitches(boolean inApp, boolean device, boolean email, boolean webPush) {

	}

	/**
	 * Switches to change; null leaves one as it is ({@code PATCH}) or at its default
	 * ({@code PUT}: on, Web Push off).
	 *
	 * @param inApp in the inbox
	 * @param device on the user's players
	 * @param email in e-mail digests
	 * @param webPush to the user's browsers' push subscriptions
	 */
	record TypeSwitchesChange(Boolean inApp, Boolean device, Boolean email, Boolean webPush) {

	}

	/**
	 * The digest schedule.
	 *
	 * @param frequency OFF, IMMEDIATE, HOURLY, DAILY or WEEKLY
	 * @param sendHour local hour 0-23
	 * @param weekday ISO day 1 (Monday) to 7
	 * @param minimumUnread unread notifications needed for a digest
	 */
	record DigestJson(DigestFrequency frequency, int sendHour, int weekday, int minimumUnread) {

	}

	/**
	 * A digest schedule to store; null fields take the defaults.
	 *
	 * @param frequency OFF, IMMEDIATE, HOURLY, DAILY or WEEKLY
	 * @param sendHour local hour 0-23
	 * @param weekday ISO day 1 (Monday) to 7
	 * @param minimumUnread unread notifications needed for a digest
	 */
	record DigestChange(DigestFrequency frequency, Integer sendHour, Integer weekday, Integer minimumUnread) {

	}

	/**
	 * Quiet hours in local time, {@code HH:mm}.
	 *
	 * @param start first quiet minute
	 * @param end first minute after the window
	 */
	record QuietHoursJson(String start, String end) {

	}

}
