package dev.herald.device.preferences;

import java.time.DateTimeException;
import java.time.ZoneId;

import dev.herald.device.registry.QuietHours;
import dev.herald.device.registry.RegistryService;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.text.NotificationTexts;
import dev.herald.support.kafka.InvalidRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the local copy of users' settings current.
 */
@Service
class PreferencesService {

	private static final Logger log = LoggerFactory.getLogger(PreferencesService.class);

	private final UserSettingsRepository settings;

	private final RegistryService registry;

	private final ApplicationEventPublisher events;

	PreferencesService(UserSettingsRepository settings, RegistryService registry, ApplicationEventPublisher events) {
		this.settings = settings;
		this.registry = registry;
		this.events = events;
	}

	@Transactional
	void on(UserPreferences preferences) {
		QuietHours quiet = (preferences.getQuietHours() != null)
				? new QuietHours(preferences.getQuietHours().getStart(), preferences.getQuietHours().getEnd()) : null;
		UserSettings updated = new UserSettings(preferences.getUserId(),
				NotificationTexts.localeOf(preferences.getLocale()), zone(preferences.getTimeZone()), quiet);
		this.settings.save(updated, preferences.getUpdatedAt());
		log.debug("Settings of user {} updated", preferences.getUserId());
	}

	@Transactional
	void erase(String userId) {
		this.settings.delete(userId);
		this.registry.eraseUser(userId);
		this.events.publishEvent(new UserErased(userId));
	}

	private static ZoneId zone(String timeZone) {
		try {
			return ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			throw new InvalidRecordException("timeZone '" + timeZone + "' is not a time zone id");
		}
	}

}
