package dev.herald.device.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.herald.device.registry.QuietHours;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_settings} table.
 */
@Repository
public class UserSettingsRepository {

	private final JdbcClient jdbc;

	UserSettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The user's settings, or the defaults when none were received. */
	public UserSettings find(String userId) {
		return this.jdbc.sql("SELECT locale, time_zone, quiet_start, quiet_end FROM user_settings WHERE user_id = ?")
			.param(userId)
			.query((rs, row) -> new UserSettings(userId, Locale.forLanguageTag(rs.getString("locale")),
					ZoneId.of(rs.getString("time_zone")),
					QuietHours.ofNullable(rs.getObject("quiet_start", LocalTime.class),
							rs.getObject("quiet_end", LocalTime.class))))
			.optional()
			.orElseGet(() -> UserSettings.defaults(userId));
	}

	void save(UserSettings settings, Instant updatedAt) {
		QuietHours quiet = settings.quietHours();
		this.jdbc.sql("""
				INSERT INTO user_settings (user_id, locale, time_zone, quiet_start, quiet_end, updated_at)
				VALUES (:user, :locale, :zone, :quietStart, :quietEnd, :updatedAt)
				ON CONFLICT (user_id) DO UPDATE SET locale = EXCLUDED.locale, time_zone = EXCLUDED.time_zone,
					quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end, updated_at = EXCLUDED.updated_at
				""")
			.param("user", settings.userId())
			.param("locale", settings.locale().toLanguageTag())
			.param("zone", settings.zone().getId())
			.param("quietStart", (quiet != null) ? quiet.start() : null)
			.param("quietEnd", (quiet != null) ? quiet.end() : null)
			.param("updatedAt", OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC))
			.update();
	}

	void delete(String userId) {
		this.jdbc.sql("DELETE FROM user_settings WHERE user_id = ?").param(userId).update();
	}

}
