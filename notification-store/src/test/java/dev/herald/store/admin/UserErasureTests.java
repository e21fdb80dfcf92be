package dev.herald.store.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.herald.schema.UserContact;
import dev.herald.schema.text.NotificationTexts;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreInstance;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UserErasureTests extends StoreIntegrationTest {

	UserErasureTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void erasureLeavesNoRowAboutTheUserInAnyTableAndShowsThemAsDeletedWhereTheyActed() {
		String erased = "erased-" + UUID.randomUUID();
		String other = newUser();
		String cohort = "cohort-" + UUID.randomUUID();
		kafka.send(Topics.USER_CONTACTS, erased,
				UserContact.newBuilder()
					.setUserId(erased)
					.setEmail("someone@example.com")
					.setAttributes(Map.of("cohort", cohort))
					.setUpdatedAt(Instant.now())
					.build());
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM contacts WHERE user_id = ?", erased)).isEqualTo(1));
		jdbc.sql("INSERT INTO preferences (user_id, locale) VALUES (?, 'es')").param(erased).update();
		send(Events.follow(erased, "fan-" + UUID.randomUUID()), Events.reaction(other, erased, "dawn", "👍"),
				Events.follow(other, erased));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id IN (?, ?)", erased, other))
					.isEqualTo(3));
		String mine = jdbc.sql("SELECT id::text FROM notifications WHERE user_id = ?")
			.param(erased)
			.query(String.class)
			.single();
		assertThat(http(erased).postIds("/v1/notifications/read", List.of(mine)).status()).isEqualTo(200);
		receiveABroadcast(erased, cohort);
		String pending = admin().post("/v1/admin/broadcasts",
				Map.of("message", Map.of("title", "Later"), "audience",
						Map.of("type", "USERS", "userIds", List.of(erased, other)), "scheduledAt",
						Instant.now().plus(1, ChronoUnit.HOURS).toString()))
			.body()
			.get("id")
			.asString();
		assertThat(rowsMentioning(erased)).as("rows before the erasure")
			.containsKeys("notifications", "user_state", "changes", "contacts", "preferences", "actor_rates",
					"broadcasts");

		Response response = admin().delete("/v1/admin/users/" + erased);
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.body().get("userId").asString()).isEqualTo(erased);
		assertThat(response.body().get("eventId").asString()).isNotBlank();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rowsMentioning(erased)).as("tables with rows mentioning the erased user")
				.isEmpty());
		List<JsonNode> items = List
			.copyOf(http(other).get("/v1/notifications").body().get("items").valueStream().toList());
		assertThat(items).hasSize(2)
			.allSatisfy((item) -> assertThat(item.get("actors").get(0).get("handle").asString())
				.isEqualTo(NotificationTexts.DELETED_USER_HANDLE));
		assertThat(admin().get("/v1/admin/broadcasts/" + pending).body().get("audience").get("userIds"))
			.extracting(JsonNode::asString)
			.containsExactly(other);
		admin().post("/v1/admin/broadcasts/" + pending + "/cancel", null);
	}

	@Test
	void anOverlongUserIdIsABadRequest() {
		Response response = admin().delete("/v1/admin/users/" + "x".repeat(201));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("id");
		assertThat(http(newUser()).delete("/v1/admin/users/" + newUser()).status()).isEqualTo(403);
	}

	private void receiveABroadcast(String userId, String cohort) {
		try (StoreInstance instance = StoreInstance.start(database(), kafka, Map.of())) {
			admin().post("/v1/admin/broadcasts", Map.of("message", Map.of("title", "Welcome", "body", "Hi"), "audience",
					Map.of("type", "ATTRIBUTE", "attribute", "cohort", "value", cohort)));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						count("SELECT count(*) FROM notifications WHERE user_id = ? AND type = 'ANNOUNCEMENT'", userId))
					.isEqualTo(1));
		}
	}

	/**
	 * Rows per table of schema {@code store} whose text, JSON or text-array columns
	 * contain the id; tables without such rows are left out.
	 */
	private Map<String, Integer> rowsMentioning(String userId) {
		Map<String, List<String>> columns = jdbc
			.sql("""
					SELECT c.table_name, c.column_name FROM information_schema.columns c
					JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
					WHERE c.table_schema = 'store' AND t.table_type = 'BASE TABLE'
					AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb') OR c.udt_name IN ('_text', '_varchar'))
					ORDER BY 1, 2""")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		assertThat(columns).containsKeys("notifications", "user_state", "changes", "contacts", "broadcasts");
		Map<String, Integer> rows = new LinkedHashMap<>();
		columns.forEach((table, names) -> {
			String condition = names.stream()
				.map((name) -> "strpos(\"" + name + "\"::text, :id) > 0")
				.collect(Collectors.joining(" OR "));
			int count = jdbc.sql("SELECT count(*) FROM store.\"" + table + "\" WHERE " + condition)
				.param("id", userId)
				.query(Integer.class)
				.single();
			if (count > 0) {
				rows.put(table, count);
			}
		});
		return rows;
	}

}
