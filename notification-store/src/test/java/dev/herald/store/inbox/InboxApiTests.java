package dev.herald.store.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboxApiTests extends StoreIntegrationTest {

	InboxApiTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void listsNewestFirstWithRenderedTextAndStructuredFields() {
		String user = newUser();
		String alice = "alice-" + UUID.randomUUID();
		send(Events.follow(user, "zoe-" + UUID.randomUUID()), Events.reaction(user, alice, "sun", "🔥"));
		awaitNotifications(user, 2);
		JsonNode items = http(user).get("/v1/notifications").body().get("items");
		assertThat(items).hasSize(2);
		JsonNode reaction = items.get(0);
		assertThat(reaction.get("type").asString()).isEqualTo("REACTION");
		assertThat(reaction.get("text").asString()).isEqualTo("alice reacted 🔥 to Sunset sun");
		assertThat(reaction.get("content").get("id").asString()).isEqualTo("sun");
		assertThat(reaction.get("actors").get(0).get("id").asString()).isEqualTo(alice);
		assertThat(reaction.get("actorCount").asInt()).isEqualTo(1);
		assertThat(reaction.get("templateKey").asString()).isEqualTo("reaction.one");
		assertThat(reaction.get("params").get("reaction").asString()).isEqualTo("🔥");
		assertThat(reaction.get("createdAt").asString()).endsWith("Z");
		assertThat(reaction.get("read").asBoolean()).isFalse();
		assertThat(reaction.get("critical").asBoolean()).isFalse();
		assertThat(reaction.has("message")).isTrue();
		assertThat(items.get(1).get("text").asString()).isEqualTo("zoe started following you");
	}

	@Test
	void rendersTextInTheAcceptLanguageThenInThePreferredLocale() {
		String user = newUser();
		send(Events.follow(user, "ana-" + UUID.randomUUID()));
		awaitNotifications(user, 1);
		Http http = http(user);
		String spanish = text(http.get("/v1/notifications", Map.of("Accept-Language", "es-ES,es;q=0.9")));
		assertThat(spanish).startsWith("ana ").isNotEqualTo("ana started following you");
		jdbc.sql("INSERT INTO preferences (user_id, locale) VALUES (?, 'pt-BR')").param(user).update();
		String portuguese = text(http.get("/v1/notifications"));
		assertThat(text(http.get("/v1/notifications", Map.of("Accept-Language", "fr")))).isEqualTo(portuguese);
		assertThat(portuguese).isNotEqualTo("ana started following you").isNotEqualTo(spanish);
	}

	@Test
	void readUnreadDeleteAndReadAllKeepTheCountAndEmitChanges() {
		String user = newUser();
		for (int i = 0; i < 4; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
		}
		List<String> ids = awaitNotifications(user, 4);
		Http http = http(user);
		assertThat(http.postIds("/v1/notifications/read", List.of(ids.get(0), ids.get(1)))
			.body()
			.get("unreadCount")
			.asInt()).isEqualTo(2);
		assertThat(http.postIds("/v1/notifications/unread", List.of(ids.get(0))).body().get("unreadCount").asInt())
			.isEqualTo(3);
		assertThat(http.delete("/v1/notifications/" + ids.get(2)).status()).isEqualTo(204);
		assertThat(http.get("/v1/notifications/" + ids.get(2)).status()).isEqualTo(404);
		JsonNode count = http.get("/v1/notifications/unread-count").body();
		assertThat(count.get("unreadCount").asInt()).isEqualTo(2);
		assertThat(count.get("seq").asLong()).isEqualTo(7);
		assertThat(http.post("/v1/notifications/read-all", Map.of()).body().get("unreadCount").asInt()).isZero();
		assertThat(http.get("/v1/notifications?unread=true").body().get("items")).isEmpty();
		await().untilAsserted(() -> assertThat(published(user)).extracting((c) -> c.getKind().name())
			.containsExactly("CREATED", "CREATED", "CREATED", "CREATED", "READ", "UNREAD", "DELETED", "ALL_READ"));
	}

	@Test
	void aUserCanNeitherSeeNorChangeAnotherUsersNotifications() {
		String owner = newUser();
		String intruder = newUser();
		send(Events.follow(owner, "f-" + UUID.randomUUID()));
		String id = awaitNotifications(owner, 1).get(0);
		Http http = http(intruder);
		assertThat(http.get("/v1/notifications/" + id).status()).isEqualTo(404);
		assertThat(http.delete("/v1/notifications/" + id).status()).isEqualTo(404);
		assertThat(http.postIds("/v1/notifications/read", List.of(id)).status()).isEqualTo(200);
		assertThat(http.post("/v1/notifications/read-all", null).status()).isEqualTo(200);
		assertThat(http.get("/v1/notifications").body().get("items")).isEmpty();
		assertThat(http.get("/v1/notifications/changes?since=0").body().get("changes")).isEmpty();
		JsonNode mine = http(owner).get("/v1/notifications/" + id).body();
		assertThat(mine.get("read").asBoolean()).isFalse();
		assertThat(unreadCounter(owner)).isEqualTo(1);
		assertThat(Http.anonymous(port).get("/v1/notifications").status()).isEqualTo(401);
	}

	@Test
	void paginationReturnsEveryNotificationOnceWhileNewOnesArrive() {
		String user = newUser();
		for (int i = 0; i < 23; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
		}
		Set<String> before = new HashSet<>(awaitNotifications(user, 23));
		Http http = http(user);
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int page = 0;
		do {
			JsonNode body = http.get("/v1/notifications?limit=5" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.body();
			body.get("items").forEach((item) -> seen.add(item.get("id").asString()));
			cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
			send(Events.follow(user, "late" + page++ + "-" + UUID.randomUUID()));
		}
		while (cursor != null);
		assertThat(seen).doesNotHaveDuplicates().containsAll(before);
	}

	@Test
	void rejectsBadInputWithProblemsNamingTheField() {
		Http http = http(newUser());
		assertField(http.get("/v1/notifications?limit=101"), "limit");
		assertField(http.get("/v1/notifications?cursor=%%%"), "cursor");
		assertField(http.get("/v1/notifications?type=PARTY"), "type");
		assertField(http.postIds("/v1/notifications/read", List.of("nope")), "ids[0]");
		assertField(http.post("/v1/notifications/read", Map.of("ids", List.of())), "ids");
		assertField(http.get("/v1/notifications/changes?since=-1"), "since");
		String id = UUID.randomUUID().toString();
		assertField(http.post("/v1/notifications/read", Map.of("ids", List.of(id), "all", true)), "all");
		assertField(http.post("/v1/notifications/read", Map.of("ids", List.of(12345))), "ids[0]");
		assertField(http.post("/v1/notifications/unread", Map.of("ids", id)), "ids");
		assertField(http.post("/v1/notifications/read-all", Map.of("bfore", "2026-01-01T00:00:00Z")), "bfore");
		assertField(http.post("/v1/notifications/read-all", Map.of("before", "yesterday")), "before");
		assertField(http.post("/v1/notifications/read-all", Map.of("before", true)), "before");
		assertThat(http.get("/v1/notifications/not-a-uuid").status()).isEqualTo(404);
	}

	private static String text(Response page) {
		return page.body().get("items").get(0).get("text").asString();
	}

	private static void assertField(Response response, String field) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private List<String> awaitNotifications(String user, int expected) {
		await().untilAsserted(() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user))
			.isEqualTo(expected));
		return jdbc.sql("SELECT id::text FROM notifications WHERE user_id = ? ORDER BY created_at, id")
			.param(user)
			.query(String.class)
			.list();
	}

}
