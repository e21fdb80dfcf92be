package dev.herald.store.preferences;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.herald.schema.NotificationType;
import dev.herald.store.preferences.Preferences.Channels;
import dev.herald.store.preferences.Preferences.Digest;
import dev.herald.store.preferences.Preferences.QuietHours;
import dev.herald.store.preferences.PreferencesJson.DigestChange;
import dev.herald.store.preferences.PreferencesJson.QuietHoursJson;
import dev.herald.store.preferences.PreferencesJson.Replacement;
import dev.herald.store.preferences.PreferencesJson.TypeSwitchesChange;
import dev.herald.support.web.FieldProblem;

/**
 * Turns a {@code PUT} body into preferences, filling omitted fields with the defaults,
 * and lists every bad field by its JSON path ({@code digest.sendHour},
 * {@code mutedActors[3]}).
 */
final class PreferencesValidator {

	static final int MAX_MUTED = 500;

	static final int MAX_ITEM_LENGTH = 200;

	static final int MAX_MINIMUM_UNREAD = 1000;

	private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

	private static final Pattern CONTENT_KEY = Pattern.compile("[^:\\s]+:\\S+");

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]");

	private final List<FieldProblem> problems = new ArrayList<>();

	private PreferencesValidator() {
	}

	/** The preferences the body describes; throws a 400 naming each bad field. */
	static Preferences read(String userId, Replacement body) {
		PreferencesValidator validator = new PreferencesValidator();
		Preferences defaults = Preferences.defaults(userId);
		Preferences preferences = new Preferences(userId, validator.types(body.types()),
				validator.digest(body.digest()), validator.quietHours(body.quietHours()),
				validator.timeZone(body.timeZone(), defaults.timeZone()),
				validator.locale(body.locale(), defaults.locale()),
				validator.muted("mutedActors", body.mutedActors(), null),
				validator.muted("mutedContent", body.mutedContent(), CONTENT_KEY),
				(body.aggregation() != null) ? body.aggregation() : defaults.aggregation(), null);
		if (!validator.problems.isEmpty()) {
			throw PreferencesProblems.badRequest(validator.problems);
		}
		return preferences;
	}

	private Map<NotificationType, Channels> types(Map<String, TypeSwitchesChange> types) {
		Map<NotificationType, Channels> result = new EnumMap<>(NotificationType.class);
		if (types == null) {
			return result;
		}
		types.forEach((name, change) -> {
			NotificationType type = PreferencesProblems.typeOrNull(name);
			if (type == null) {
				problem("types." + name, "is not a notification type; one of " + List.of(NotificationType.values()));
			}
			else if (change != null) {
				result.put(type, new Channels(orTrue(change.inApp()), orTrue(change.device()), orTrue(change.email()),
						Boolean.TRUE.equals(change.webPush())));
			}
		});
		return result;
	}

	private Digest digest(DigestChange digest) {
		Digest defaults = Preferences.DEFAULT_DIGEST;
		if (digest == null) {
			return defaults;
		}
		int sendHour = within("digest.sendHour", digest.sendHour(), defaults.sendHour(), 0, 23);
		int weekday = within("digest.weekday", digest.weekday(), defaults.weekday(), 1, 7);
		int minimumUnread = within("digest.minimumUnread", digest.minimumUnread(), defaults.minimumUnread(), 1,
				MAX_MINIMUM_UNREAD);
		return new Digest((digest.frequency() != null) ? digest.frequency() : defaults.frequency(), sendHour, weekday,
				minimumUnread);
	}

	private QuietHours quietHours(QuietHoursJson quiet) {
		if (quiet == null) {
			return null;
		}
		LocalTime start = time("quietHours.start", quiet.start());
		LocalTime end = time("quietHours.end", quiet.end());
		if (start != null && start.equals(end)) {
			problem("quietHours.end", "must differ from start");
		}
		return (start != null && end != null) ? new QuietHours(start, end) : null;
	}

	private String timeZone(String zone, String fallback) {
		if (zone == null) {
			return fallback;
		}
		if (!ZoneId.getAvailableZoneIds().contains(zone)) {
			problem("timeZone", "is not an IANA time zone id, e.g. Europe/Lisbon");
		}
		return zone;
	}

	private String locale(String tag, String fallback) {
		if (tag == null) {
			return fallback;
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(tag).build();
			if (tag.length() > 35 || locale.getLanguage().isEmpty()) {
				problem("locale", "must be a BCP 47 language tag, e.g. en or pt-BR");
			}
			return locale.toLanguageTag();
		}
		catch (IllformedLocaleException ex) {
			problem("locale", "must be a BCP 47 language tag, e.g. en or pt-BR");
			return tag;
		}
	}

	private Set<String> muted(String field, List<String> items, Pattern format) {
		Set<String> result = new LinkedHashSet<>();
		if (items == null) {
			return result;
		}
		if (items.size() > MAX_MUTED) {
			problem(field, "must have at most " + MAX_MUTED + " items");
			return result;
		}
		for (int i = 0; i < items.size(); i++) {
			String item = items.get(i);
			String name = field + "[" + i + "]";
			if (item == null || item.isBlank()) {
				problem(name, "must not be blank");
			}
			else if (item.length() > MAX_ITEM_LENGTH || CONTROL.matcher(item).find()) {
				problem(name, "must be at most " + MAX_ITEM_LENGTH + " characters without control characters");
			}
			else if (format != null && !format.matcher(item).matches()) {
				problem(name, "must be a content key type:id, e.g. artwork:42");
			}
			else {
				result.add(item);
			}
		}
		return result;
	}

	private int within(String field, Integer value, int fallback, int min, int max) {
		if (value == null) {
			return fallback;
		}
		if (value < min || value > max) {
			problem(field, "must be between " + min + " and " + max);
		}
		return value;
	}

	private LocalTime time(String field, String text) {
		if (text == null || !HH_MM.matcher(text).matches()) {
			problem(field, "must be a time HH:mm, e.g. 22:00");
			return null;
		}
		return LocalTime.parse(text, PreferencesJson.HOUR_MINUTE);
	}

	private void problem(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

	private static boolean orTrue(Boolean value) {
		return value == null || value;
	}

}
