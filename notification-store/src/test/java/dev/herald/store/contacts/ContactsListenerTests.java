package dev.herald.store.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.herald.schema.UserContact;
import dev.herald.schema.topic.Topics;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.testinfra.RecordCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ContactsListenerTests extends StoreIntegrationTest {

	private static final RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.USER_CONTACTS.deadLetter());

	ContactsListenerTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@AfterAll
	static void stopCollecting() {
		deadLetters.close();
	}

	@Test
	void keepsTheLatestAttributesAndForgetsTheUserOnATombstone() {
		String user = newUser();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		kafka.send(Topics.USER_CONTACTS, user, contact(user, "pro", now));
		await().untilAsserted(() -> assertThat(plan(user)).isEqualTo("pro"));
		kafka.send(Topics.USER_CONTACTS, user, contact(user, "free", now.minusSeconds(60)));
		kafka.send(Topics.USER_CONTACTS, user, contact(user, "team", now.plusSeconds(1)));
		await().untilAsserted(() -> assertThat(plan(user)).isEqualTo("team"));
		kafka.send(Topics.USER_CONTACTS, user, null);
		await()
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM contacts WHERE user_id = ?", user)).isZero());
	}

	@Test
	void aContactForAnotherUserOrUndecodableGoesToTheDeadLetterTopicAndTheRestFollow() {
		String user = newUser();
		String other = newUser();
		kafka.send(Topics.USER_CONTACTS, user, contact(other, "pro", Instant.now()));
		kafka.sendRaw(Topics.USER_CONTACTS.name(), user.getBytes(StandardCharsets.UTF_8),
				"not avro".getBytes(StandardCharsets.UTF_8));
		kafka.send(Topics.USER_CONTACTS, user, contact(user, "pro", Instant.now()));
		await().untilAsserted(() -> assertThat(plan(user)).isEqualTo("pro"));
		await().untilAsserted(() -> assertThat(deadLetters.records())
			.filteredOn((r) -> user.equals(new String(r.key(), StandardCharsets.UTF_8)))
			.hasSize(2));
		assertThat(count("SELECT count(*) FROM contacts WHERE user_id = ?", other)).isZero();
	}

	private String plan(String user) {
		return jdbc.sql("SELECT attributes ->> 'plan' FROM contacts WHERE user_id = ?")
			.param(user)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static UserContact contact(String userId, String plan, Instant updatedAt) {
		return UserContact.newBuilder()
			.setUserId(userId)
			.setEmail(userId + "@example.com")
			.setAttributes(Map.of("plan", plan))
			.setUpdatedAt(updatedAt)
			.build();
	}

}
