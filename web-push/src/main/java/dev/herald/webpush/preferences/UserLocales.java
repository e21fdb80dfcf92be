package dev.herald.webpush.preferences;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.herald.schema.text.NotificationTexts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_settings} table: each user's language (English until their preferences
 * arrive).
 */
@Repository
public class UserLocales {

	private final JdbcClient jdbc;

	UserLocales(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Locale localeOf(String userId) {
		return this.jdbc.sql("SELECT locale FROM user_settings WHERE user_id = ?")
			.param(userId)
			.query(String.class)
			.optional()
			.map(NotificationTexts::localeOf)
			.orElse(Locale.ENGLISH);
	}

	void save(String userId, String locale, Instant updatedAt) {
		this.jdbc.sql("""
				INSERT INTO user_settings (user_id, locale, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (user_id) DO UPDATE SET locale = EXCLUDED.locale, updated_at = EXCLUDED.updated_at
				""")
			.param(userId)
			.param(locale)
			.param((updatedAt != null) ? OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC) : null)
			.update();
	}

	void delete(String userId) {
		this.jdbc.sql("DELETE FROM user_settings WHERE user_id = ?").param(userId).update();
	}

}
