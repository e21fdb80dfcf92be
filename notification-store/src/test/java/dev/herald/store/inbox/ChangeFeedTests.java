package dev.herald.store.inbox;

import java.util.List;
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

class ChangeFeedTests extends StoreIntegrationTest {

	ChangeFeedTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void framesHaveTheWebSocketFormatInSeqOrder() {
		String user = newUser();
		send(Events.reaction(user, "alice-" + UUID.randomUUID(), "s", "❤"));
		await().untilAsserted(() -> assertThat(unreadCounter(user)).isEqualTo(1));
		Http http = http(user);
		String id = http.get("/v1/notifications").body().get("items").get(0).get("id").asString();
		http.postIds("/v1/notifications/read", List.of(id));
		JsonNode feed = http.get("/v1/notifications/changes?since=0").body();
		assertThat(names(feed)).containsExactlyInAnyOrder("seq", "changes", "hasMore");
		assertThat(feed.get("seq").asLong()).isEqualTo(2);
		assertThat(feed.get("hasMore").asBoolean()).isFalse();
		JsonNode created = feed.get("changes").get(0);
		assertThat(names(created)).containsExactlyInAnyOrder("type", "seq", "change", "notification", "unreadCount",
				"unseenCount");
		assertThat(created.get("type").asString()).isEqualTo("notification");
		assertThat(created.get("change").asString()).isEqualTo("created");
		assertThat(created.get("seq").asLong()).isEqualTo(1);
		assertThat(created.get("unreadCount").asInt()).isEqualTo(1);
		assertThat(names(created.get("notification"))).containsExactlyInAnyOrder("id", "type", "content", "actors",
				"actorCount", "reaction", "commentPreview", "message", "templateKey", "params", "text", "createdAt",
				"updatedAt", "read", "critical", "seen", "archived", "commentId", "actionUrl", "attributes");
		assertThat(created.get("notification").get("text").asString()).startsWith("alice reacted ❤");
		JsonNode read = feed.get("changes").get(1);
		assertThat(names(read)).containsExactlyInAnyOrder("type", "seq", "change", "ids", "unreadCount", "unseenCount");
		assertThat(read.get("type").asString()).isEqualTo("state");
		assertThat(read.get("change").asString()).isEqualTo("read");
		assertThat(read.get("ids").get(0).asString()).isEqualTo(id);
		assertThat(read.get("unreadCount").asInt()).isZero();
		assertThat(read.get("unseenCount").asInt()).as("reading implies seeing").isZero();
	}

	@Test
	void pagesWithLimitAndHasMore() {
		String user = newUser();
		for (int i = 0; i < 5; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
		}
		await().untilAsserted(() -> assertThat(unreadCounter(user)).isEqualTo(5));
		JsonNode first = http(user).get("/v1/notifications/changes?since=1&limit=2").body();
		assertThat(first.get("changes")).extracting((c) -> c.get("seq").asLong()).containsExactly(2L, 3L);
		assertThat(first.get("hasMore").asBoolean()).isTrue();
		assertThat(first.get("seq").asLong()).isEqualTo(5);
		assertThat(http(user).get("/v1/notifications/changes?since=5").body().get("changes")).isEmpty();
	}

	@Test
	void answers410WithTheCurrentSeqWhenHistoryIsGone() {
		String user = newUser();
		for (int i = 0; i < 3; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
		}
		await().untilAsserted(() -> assertThat(unreadCounter(user)).isEqualTo(3));
		jdbc.sql("DELETE FROM changes WHERE user_id = ? AND seq <= 2").param(user).update();
		Http http = http(user);
		Response gone = http.get("/v1/notifications/changes?since=0");
		assertThat(gone.status()).isEqualTo(410);
		assertThat(gone.contentType()).startsWith("application/problem+json");
		assertThat(gone.body().get("seq").asLong()).isEqualTo(3);
		assertThat(http.get("/v1/notifications/changes?since=2").status()).isEqualTo(200);
		assertThat(http.get("/v1/notifications/changes?since=9").status()).isEqualTo(410);
	}

	@Test
	void allowsConfiguredBrowserOrigins() {
		Response preflight = Http.anonymous(port).preflight("/v1/notifications", "http://localhost:8080");
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8080");
		assertThat(Http.anonymous(port).preflight("/v1/notifications", "http://evil.example").status()).isEqualTo(403);
	}

	private static Set<String> names(JsonNode node) {
		return Set.copyOf(node.propertyNames());
	}

}
