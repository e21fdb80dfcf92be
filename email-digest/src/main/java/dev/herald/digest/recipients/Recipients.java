package dev.herald.digest.recipients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.herald.digest.DigestProperties;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.text.NotificationTexts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Looks up a {@link Recipient}: preferences win over the contact for locale and time
 * zone; the configured defaults fill what neither says.
 */
@Service
public class Recipients {

	private static final String FIND = """
			SELECT c.email, c.display_name, c.locale AS contact_locale, c.time_zone AS contact_zone,
			       p.frequency, p.send_hour, p.weekday, p.minimum_unread, p.locale, p.time_zone
			FROM (SELECT CAST(:userId AS text) AS user_id) u
			LEFT JOIN contacts c ON c.user_id = u.user_id
			LEFT JOIN preferences p ON p.user_id = u.user_id
			""";

	private final JdbcClient jdbc;

	private final DigestProperties.Defaults defaults;

	Recipients(JdbcClient jdbc, DigestProperties properties) {
		this.jdbc = jdbc;
		this.defaults = properties.defaults();
	}

	public Recipient find(String userId) {
		return this.jdbc.sql(FIND).param("userId", userId).query((rs, row) -> map(userId, rs)).single();
	}

	private Recipient map(String userId, ResultSet rs) throws SQLException {
		String locale = firstNonNull(rs.getString("locale"), rs.getString("contact_locale"));
		String zone = firstNonNull(rs.getString("time_zone"), rs.getString("contact_zone"));
		return new Recipient(userId, rs.getString("email"), rs.getString("display_name"),
				NotificationTexts.localeOf(locale), (zone != null) ? ZoneId.of(zone) : ZoneOffset.UTC, cadence(rs));
	}

	private Cadence cadence(ResultSet rs) throws SQLException {
		String frequency = rs.getString("frequency");
		if (frequency == null) {
			return new Cadence(this.defaults.frequency(), this.defaults.sendHour(), this.defaults.weekday(),
					this.defaults.minimumUnread());
		}
		return new Cadence(DigestFrequency.valueOf(frequency), rs.getInt("send_hour"), rs.getInt("weekday"),
				rs.getInt("minimum_unread"));
	}

	private static String firstNonNull(String first, String second) {
		return (first != null) ? first : second;
	}

}
