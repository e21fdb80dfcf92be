package dev.herald.store.preferences;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.herald.schema.NotificationType;
import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesApiTests extends StoreIntegrationTest {

	PreferencesApiTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void userWhoNeverSavedAnyGetsTheDefaults() {
		Http.Response response = http(newUser()).get("/v1/preferences");
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.get("types").propertyNames()).hasSize(NotificationType.values().length);
		for (NotificationType type : NotificationType.values()) {
			JsonNode channels = body.get("types").get(type.name());
			assertThat(channels.get("inApp").asBoolean()).isTrue();
			assertThat(channels.get("device").asBoolean()).isTrue();
			assertThat(channels.get("email").asBoolean()).isTrue();
		}
		assertThat(body.get("digest").get("frequency").asString()).isEqualTo("OFF");
		assertThat(body.get("digest").get("sendHour").asInt()).isEqualTo(9);
		assertThat(body.get("digest").get("weekday").asInt()).isEqualTo(1);
		assertThat(body.get("digest").get("minimumUnread").asInt()).isEqualTo(1);
		assertThat(body.get("quietHours").isNull()).isTrue();
		assertThat(body.get("timeZone").asString()).isEqualTo("UTC");
		assertThat(body.get("locale").asString()).isEqualTo("en");
		assertThat(body.get("mutedActors")).isEmpty();
		assertThat(body.get("mutedContent")).isEmpty();
		assertThat(body.get("aggregation").asBoolean()).isTrue();
		assertThat(body.get("updatedAt").isNull()).isTrue();
	}

	@Test
	void putReplacesTheWholeAndOmittedFieldsTakeTheDefaults() {
		String user = newUser();
		Http http = http(user);
		Http.Response first = http.put("/v1/preferences", full());
		assertThat(first.status()).isEqualTo(200);
		assertFull(first.body());
		assertFull(http.get("/v1/preferences").body());
		assertThat(first.body().get("updatedAt").isNull()).isFalse();

		Http.Response second = http.put("/v1/preferences", Map.of("locale", "es"));
		assertThat(second.status()).isEqualTo(200);
		JsonNode body = http.get("/v1/preferences").body();
		assertThat(body.get("locale").asString()).isEqualTo("es");
		assertThat(body.get("digest").get("frequency").asString()).isEqualTo("OFF");
		assertThat(body.get("quietHours").isNull()).isTrue();
		assertThat(body.get("timeZone").asString()).isEqualTo("UTC");
		assertThat(body.get("mutedActors")).isEmpty();
		assertThat(body.get("types").get("COMMENT").get("email").asBoolean()).isTrue();
		assertThat(count("SELECT count(*) FROM preference_types WHERE user_id = ?", user)).isZero();
	}

	@Test
	void patchChangesOnlyTheGivenSwitchesOfOneType() {
		String user = newUser();
		Http http = http(user);
		http.put("/v1/preferences", full());
		Http.Response response = http.patch("/v1/preferences/REACTION", Map.of("inApp", false));
		assertThat(response.status()).isEqualTo(200);
		JsonNode reaction = response.body().get("types").get("REACTION");
		assertThat(reaction.get("inApp").asBoolean()).isFalse();
		assertThat(reaction.get("device").asBoolean()).isFalse();
		assertThat(reaction.get("email").asBoolean()).isTrue();
		http.patch("/v1/preferences/COMMENT", Map.of("email", true, "device", false));
		JsonNode body = http.get("/v1/preferences").body();
		assertThat(body.get("types").get("COMMENT").get("email").asBoolean()).isTrue();
		assertThat(body.get("types").get("COMMENT").get("device").asBoolean()).isFalse();
		assertThat(body.get("types").get("COMMENT").get("inApp").asBoolean()).isTrue();
		assertThat(body.get("digest").get("frequency").asString()).isEqualTo("DAILY");
		assertThat(body.get("mutedActors").get(0).asString()).isEqualTo("mallory");
	}

	@Test
	void patchOfUnknownTypeNamesTheType() {
		Http.Response response = http(newUser()).patch("/v1/preferences/POKE", Map.of("inApp", false));
		assertBadRequest(response, "type");
	}

	@Test
	void eachBadFieldIsNamedAndNothingIsWritten() {
		String user = newUser();
		Http http = http(user);
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("sendHour", 24))), "digest.sendHour");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("weekday", 0))), "digest.weekday");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("minimumUnread", 0))),
				"digest.minimumUnread");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("minimumUnread", 100_000))),
				"digest.minimumUnread");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("sendHour", 9.5))), "digest.sendHour");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("frequency", "MONTHLY"))),
				"digest.frequency");
		assertBadRequest(http.put("/v1/preferences", Map.of("timeZone", "Mars/Olympus")), "timeZone");
		assertBadRequest(http.put("/v1/preferences", Map.of("timeZone", "+02:00")), "timeZone");
		assertBadRequest(http.put("/v1/preferences", Map.of("locale", "en_US!")), "locale");
		assertBadRequest(http.put("/v1/preferences", Map.of("quietHours", Map.of("start", "25:00", "end", "07:00"))),
				"quietHours.start");
		assertBadRequest(http.put("/v1/preferences", Map.of("quietHours", Map.of("start", "22:00"))), "quietHours.end");
		assertBadRequest(http.put("/v1/preferences", Map.of("types", Map.of("POKE", Map.of("inApp", false)))),
				"types.POKE");
		assertBadRequest(http.put("/v1/preferences", Map.of("aggregation", List.of())), "aggregation");
		assertBadRequest(http.put("/v1/preferences", Map.of("mutedActors", List.of("a", "b", "c", " "))),
				"mutedActors[3]");
		assertBadRequest(http.put("/v1/preferences", Map.of("mutedActors", List.of("x".repeat(201)))),
				"mutedActors[0]");
		assertBadRequest(http.put("/v1/preferences", Map.of("mutedActors", Collections.nCopies(501, "spam"))),
				"mutedActors");
		assertBadRequest(http.put("/v1/preferences", Map.of("mutedContent", List.of("artwork:1", "artwork"))),
				"mutedContent[1]");
		assertBadRequest(http.put("/v1/preferences", Map.of("mutedActor", List.of("mallory"))), "mutedActor");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("hour", 3))), "digest.hour");
		assertBadRequest(http.patch("/v1/preferences/REACTION", Map.of("push", false)), "push");
		assertThat(count("SELECT count(*) FROM preferences WHERE user_id = ?", user)).isZero();
		assertThat(count("SELECT count(*) FROM preference_outbox WHERE user_id = ?", user)).isZero();
	}

	@Test
	void valuesOfTheWrongJsonTypeAreNamedNotCoerced() {
		String user = newUser();
		Http http = http(user);
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("sendHour", "9"))), "digest.sendHour");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("weekday", true))), "digest.weekday");
		assertBadRequest(http.put("/v1/preferences", Map.of("digest", Map.of("frequency", 1))), "digest.frequency");
		assertBadRequest(http.put("/v1/preferences", Map.of("aggregation", 0)), "aggregation");
		assertBadRequest(http.put("/v1/preferences", Map.of("aggregation", "false")), "aggregation");
		assertBadRequest(http.put("/v1/preferences", Map.of("timeZone", 12345)), "timeZone");
		assertBadRequest(http.put("/v1/preferences", Map.of("mutedActors", List.of(42))), "mutedActors[0]");
		assertBadRequest(http.put("/v1/preferences", Map.of("types", Map.of("REACTION", Map.of("inApp", 1)))),
				"types.REACTION.inApp");
		assertBadRequest(http.patch("/v1/preferences/REACTION", Map.of("email", "false")), "email");
		assertBadRequest(http.raw(HttpMethod.PUT, "/v1/preferences", MediaType.APPLICATION_JSON,
				"{\"locale\":\"es\",\"locale\":\"pt\"}", Map.of()), "locale");
		assertThat(count("SELECT count(*) FROM preferences WHERE user_id = ?", user)).isZero();
	}

	@Test
	void unpairedSurrogatesAndInvalidUtf8AreNamedNotStoredAsQuestionMarks() {
		String user = newUser();
		Http http = http(user);
		assertBadRequest(http.raw(HttpMethod.PUT, "/v1/preferences", MediaType.APPLICATION_JSON,
				"{\"mutedActors\":[\"al\\ud800ice\"]}", Map.of()), "mutedActors[0]");
		for (String bad : List.of("c0af", "eda080", "f4908080", "e282")) {
			byte[] body = bytes("{\"timeZone\":\"Europe/Lisbon", bad, "\"}");
			assertBadRequest(http.raw(HttpMethod.PUT, "/v1/preferences", MediaType.APPLICATION_JSON, body), "timeZone");
		}
		assertThat(count("SELECT count(*) FROM preferences WHERE user_id = ?", user)).isZero();
		assertThat(count("SELECT count(*) FROM preference_outbox WHERE user_id = ?", user)).isZero();
	}

	@Test
	void severalBadFieldsAreAllNamed() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("timeZone", "Nowhere");
		body.put("digest", Map.of("sendHour", -1));
		Http.Response response = http(newUser()).put("/v1/preferences", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(fields(response)).containsExactlyInAnyOrder("timeZone", "digest.sendHour");
	}

	@Test
	void malformedJsonIsABadRequest() {
		Http.Response response = http(newUser()).raw(HttpMethod.PUT, "/v1/preferences", MediaType.APPLICATION_JSON,
				"{\"locale\": ", Map.of());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		Http.Response notAnObject = http(newUser()).raw(HttpMethod.PUT, "/v1/preferences", MediaType.APPLICATION_JSON,
				"[1, 2]", Map.of());
		assertBadRequest(notAnObject, "body");
	}

	@Test
	void updatedAtInARequestIsIgnored() {
		Map<String, Object> body = new LinkedHashMap<>(full());
		body.put("updatedAt", "2001-01-01T00:00:00Z");
		Http.Response response = http(newUser()).put("/v1/preferences", body);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("updatedAt").asString()).doesNotStartWith("2001");
	}

	@Test
	void preferencesNeedAToken() {
		assertThat(Http.anonymous(this.port).get("/v1/preferences").status()).isEqualTo(401);
	}

	static Map<String, Object> full() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("types", Map.of("REACTION", Map.of("inApp", true, "device", false, "email", true), "COMMENT",
				Map.of("inApp", true, "device", true, "email", false)));
		body.put("digest", Map.of("frequency", "DAILY", "sendHour", 18, "weekday", 5, "minimumUnread", 3));
		body.put("quietHours", Map.of("start", "22:00", "end", "07:30"));
		body.put("timeZone", "Europe/Lisbon");
		body.put("locale", "pt-br");
		body.put("mutedActors", List.of("mallory", "trent", "mallory"));
		body.put("mutedContent", List.of("artwork:42"));
		body.put("aggregation", false);
		return body;
	}

	private static void assertFull(JsonNode body) {
		assertThat(body.get("types").get("REACTION").get("device").asBoolean()).isFalse();
		assertThat(body.get("types").get("REACTION").get("inApp").asBoolean()).isTrue();
		assertThat(body.get("types").get("COMMENT").get("email").asBoolean()).isFalse();
		assertThat(body.get("types").get("FOLLOW").get("device").asBoolean()).isTrue();
		assertThat(body.get("digest").get("frequency").asString()).isEqualTo("DAILY");
		assertThat(body.get("digest").get("sendHour").asInt()).isEqualTo(18);
		assertThat(body.get("digest").get("weekday").asInt()).isEqualTo(5);
		assertThat(body.get("digest").get("minimumUnread").asInt()).isEqualTo(3);
		assertThat(body.get("quietHours").get("start").asString()).isEqualTo("22:00");
		assertThat(body.get("quietHours").get("end").asString()).isEqualTo("07:30");
		assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Lisbon");
		assertThat(body.get("locale").asString()).isEqualTo("pt-BR");
		assertThat(strings(body.get("mutedActors"))).containsExactly("mallory", "trent");
		assertThat(strings(body.get("mutedContent"))).containsExactly("artwork:42");
		assertThat(body.get("aggregation").asBoolean()).isFalse();
	}

	private static byte[] bytes(String before, String hex, String after) {
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.writeBytes(before.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		body.writeBytes(java.util.HexFormat.of().parseHex(hex));
		body.writeBytes(after.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	static void assertBadRequest(Http.Response response, String field) {
		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(fields(response)).as(response.text()).contains(field);
	}

	private static List<String> fields(Http.Response response) {
		List<String> fields = new ArrayList<>();
		response.body().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((item) -> strings.add(item.asString()));
		return strings;
	}

}
