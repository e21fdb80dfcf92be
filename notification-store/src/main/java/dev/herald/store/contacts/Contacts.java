package dev.herald.store.contacts;

import java.sql.Timestamp;

import dev.herald.schema.UserContact;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code contacts}: known users and their attributes.
 */
@Repository
public class Contacts {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Contacts(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Saves the contact unless a newer one is stored (a replayed record changes nothing).
	 */
	void save(UserContact contact) {
		this.jdbc.sql("""
				INSERT INTO contacts (user_id, attributes, updated_at) VALUES (?, ?::jsonb, ?)
				ON CONFLICT (user_id) DO UPDATE SET attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
				WHERE contacts.updated_at <= EXCLUDED.updated_at""")
			.params(contact.getUserId(), this.json.writeValueAsString(contact.getAttributes()),
					Timestamp.from(contact.getUpdatedAt()))
			.update();
	}

	/** Forgets the user (a tombstone, or an erasure). */
	public void delete(String userId) {
		this.jdbc.sql("DELETE FROM contacts WHERE user_id = ?").param(userId).update();
	}

}
