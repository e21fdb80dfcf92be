package dev.herald.ingest.user;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.herald.ingest.IngestHttpTest;
import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.UserContact;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UserTests extends IngestHttpTest {

	private static RecordCollector<String, UserContact> contacts;

	private static RecordCollector<String, SocialEvent> events;

	@BeforeAll
	static void collect() {
		contacts = KafkaBroker.shared().collect(Topics.USER_CONTACTS);
		events = KafkaBroker.shared().collect(Topics.SOCIAL_EVENTS);
	}

	@AfterAll
	static void stop() {
		contacts.close();
		events.close();
	}

	@Test
	void contactIsPublishedKeyedByUser() {
		String user = "u-" + UUID.randomUUID();
		var response = put("/v1/users/" + user + "/contact",
				Map.of("email", "ada@example.com", "displayName", "<i>Ada</i> Lovelace", "locale", "pt-BR", "timeZone",
						"America/Sao_Paulo", "attributes", Map.of("plan", "pro")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(contactsOf(user)).hasSize(1));
		UserContact contact = contactsOf(user).getFirst().value();
		assertThat(contact.getEmail()).isEqualTo("ada@example.com");
		assertThat(contact.getDisplayName()).isEqualTo("Ada Lovelace");
		assertThat(contact.getLocale()).isEqualTo("pt-BR");
		assertThat(contact.getAttributes()).containsEntry("plan", "pro");
	}

	@Test
	void badContactIsRefusedNamingEachField() {
		var response = put("/v1/users/u-" + UUID.randomUUID() + "/contact",
				Map.of("email", "not-an-address", "locale", "en_US!", "timeZone", "Mars/Olympus"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response).get("errors").valueStream().map((error) -> error.get("field").asString()))
			.containsExactlyInAnyOrder("email", "locale", "timeZone");
	}

	@Test
	void misspeltOrMistypedContactFieldsAreRefusedNamingThem() {
		String user = "u-" + UUID.randomUUID();
		String path = "/v1/users/" + user + "/contact";
		assertProblemNames(put(path, Map.of("emial", "ada@example.com")), "emial");
		assertProblemNames(put(path, Map.of("email", "ada@example.com", "attributes", Map.of("plan", 1))),
				"attributes.plan");
		assertProblemNames(put(path, Map.of("displayName", 12345)), "displayName");
		assertProblemNames(put(path, "{\"displayName\":\"Ada \\ud800\"}"), "displayName");
		assertThat(contactsOf(user)).isEmpty();
	}

	@Test
	void erasureRefusesAnIdThatIsNotOne() {
		assertProblemNames(delete("/v1/users/" + "u".repeat(129)), "userId");
		assertProblemNames(delete("/v1/users/a%20b"), "userId");
	}

	@Test
	void erasureWritesATombstoneAndAUserDeletedEvent() {
		String user = "u-" + UUID.randomUUID();
		assertThat(put("/v1/users/" + user + "/contact", Map.of("email", "bo@example.com")).statusCode())
			.isEqualTo(202);
		var response = delete("/v1/users/" + user);
		assertThat(response.statusCode()).isEqualTo(202);
		String eventId = body(response).get("accepted").get(0).asString();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(contactsOf(user)).hasSize(2);
			assertThat(contactsOf(user).get(1).value()).isNull();
		});
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events.records()).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo(user);
			assertThat(record.value().getKind()).isEqualTo(EventKind.USER_DELETED);
			assertThat(record.value().getEventId()).isEqualTo(eventId);
		}));
	}

	private static void assertProblemNames(java.net.http.HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(body(response).get("errors").valueStream().map((error) -> error.get("field").asString()))
			.as(response.body())
			.contains(field);
	}

	private static java.util.List<ConsumerRecord<String, UserContact>> contactsOf(String user) {
		return contacts.records().stream().filter((record) -> user.equals(record.key())).toList();
	}

}
