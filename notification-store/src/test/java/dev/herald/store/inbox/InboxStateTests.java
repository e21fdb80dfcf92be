package dev.herald.store.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.CommentRef;
import dev.herald.schema.EventKind;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.StateChange;
import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seen besides read, archive, bulk and filtered actions, list filters, and the event's
 * links and data on a notification, through the REST API and the change feed.
 */
class InboxStateTests extends StoreIntegrationTest {

	InboxStateTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void aNotificationCarriesTheEventsAttributesCommentIdAndActionUrlTheLatestActorsForAnAggregate() {
		String user = newUser();
		SocialEvent first = comment(user, "ana-" + UUID.randomUUID(), "c1", "https://art.example/a/1#c1",
				Map.of("commentId", "c1", "thread", "9"));
		send(first);
		JsonNode created = awaitItems(user, 1).get(0);
		assertThat(created.get("commentId").asString()).isEqualTo("c1");
		assertThat(created.get("actionUrl").asString()).isEqualTo("https://art.example/a/1#c1");
		assertThat(created.get("attributes").get("thread").asString()).isEqualTo("9");
		send(comment(user, "bob-" + UUID.randomUUID(), "c2", null, Map.of("mood", "happy")));
		await().untilAsserted(() -> assertThat(items(http(user)).get(0).get("actorCount").asInt()).isEqualTo(2));
		JsonNode grown = items(http(user)).get(0);
		assertThat(grown.get("commentId").asString()).isEqualTo("c2");
		assertThat(grown.get("actionUrl").asString()).as("kept when the latest event gives none")
			.isEqualTo("https://art.example/a/1#c1");
		assertThat(grown.get("attributes").properties()).extracting(Map.Entry::getKey).containsExactly("mood");
		NotificationChange change = publishedThrough(user, latestSeq(http(user)));
		assertThat(change.getNotification().getCommentId()).isEqualTo("c2");
		assertThat(change.getNotification().getAttributes()).containsExactly(Map.entry("mood", "happy"));
	}

	@Test
	void seenIsKeptApartFromReadAndCountedLikeUnread() {
		String user = newUser();
		for (int i = 0; i < 3; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
		}
		List<String> ids = ids(awaitItems(user, 3));
		Http http = http(user);
		assertCounts(http.get("/v1/notifications/unread-count"), 3, 3);
		assertCounts(http.postIds("/v1/notifications/read", List.of(ids.get(0))), 2, 2);
		long seenSeq = assertCounts(http.post("/v1/notifications/seen", null), 2, 0);
		JsonNode list = items(http);
		assertThat(list).allSatisfy((item) -> assertThat(item.get("seen").asBoolean()).isTrue());
		assertThat(list).filteredOn((item) -> item.get("read").asBoolean()).hasSize(1);
		NotificationChange change = publishedThrough(user, seenSeq);
		assertThat(change.getSeq()).isEqualTo(seenSeq);
		assertThat(change.getStateChange()).isEqualTo(StateChange.SEEN);
		assertThat(change.getKind()).as("what readers that predate stateChange ignore").isEqualTo(ChangeKind.UNREAD);
		assertThat(change.getNotificationIds()).containsExactlyInAnyOrderElementsOf(ids.subList(1, 3));
		assertThat(change.getUnseenCount()).isZero();
		assertThat(change.getUnreadCount()).isEqualTo(2);
		JsonNode frame = lastFrame(http);
		assertThat(frame.get("type").asString()).isEqualTo("state");
		assertThat(frame.get("change").asString()).isEqualTo("seen");
		assertThat(frame.get("unseenCount").asInt()).isZero();
		assertThat(assertCounts(http.post("/v1/notifications/seen", Map.of()), 2, 0))
			.as("nothing left to see: no change")
			.isEqualTo(seenSeq);
		send(Events.follow(user, "late-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertCounts(http.get("/v1/notifications/unread-count"), 3, 1));
		assertThat(publishedThrough(user, latestSeq(http)).getUnseenCount()).isEqualTo(1);
	}

	@Test
	void aSeenAggregateANewActorJoinsIsUnseenAgain() {
		String user = newUser();
		send(Events.reaction(user, "ana-" + UUID.randomUUID(), "sun", "❤"));
		String id = ids(awaitItems(user, 1)).get(0);
		Http http = http(user);
		assertCounts(http.postIds("/v1/notifications/seen", List.of(id)), 1, 0);
		send(Events.reaction(user, "bob-" + UUID.randomUUID(), "sun", "🔥"));
		await().untilAsserted(() -> assertCounts(http.get("/v1/notifications/unread-count"), 1, 1));
		JsonNode item = items(http).get(0);
		assertThat(item.get("id").asString()).isEqualTo(id);
		assertThat(item.get("seen").asBoolean()).isFalse();
		assertThat(publishedThrough(user, latestSeq(http)).getUnseenCount()).isEqualTo(1);
	}

	@Test
	void archivedNotificationsLeaveTheListAndTheCountsAndComeBackUnarchived() {
		String user = newUser();
		send(Events.follow(user, "a-" + UUID.randomUUID()), Events.follow(user, "b-" + UUID.randomUUID()));
		List<String> ids = ids(awaitItems(user, 2));
		Http http = http(user);
		String archived = ids.get(0);
		long archivedSeq = assertCounts(http.post("/v1/notifications/" + archived + "/archive", null), 1, 1);
		assertThat(ids(items(http))).containsExactly(ids.get(1));
		JsonNode archivedList = http.get("/v1/notifications?archived=true").body().get("items");
		assertThat(ids(archivedList)).containsExactly(archived);
		assertThat(archivedList.get(0).get("archived").asBoolean()).isTrue();
		assertThat(archivedList.get(0).get("read").asBoolean()).as("archiving marks read").isTrue();
		JsonNode frame = lastFrame(http);
		assertThat(frame.get("change").asString()).isEqualTo("archived");
		assertThat(frame.get("ids").get(0).asString()).isEqualTo(archived);
		assertThat(publishedThrough(user, archivedSeq).getKind()).as("an archive is a read to readers that predate it")
			.isEqualTo(ChangeKind.READ);
		assertCounts(http.post("/v1/notifications/" + archived + "/archive", null), 1, 1);
		assertCounts(http.post("/v1/notifications/" + archived + "/unarchive", null), 1, 1);
		assertThat(ids(items(http))).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(lastFrame(http).get("change").asString()).isEqualTo("unarchived");
		assertThat(http.post("/v1/notifications/" + UUID.randomUUID() + "/archive", null).status()).isEqualTo(404);
		assertThat(http(newUser()).post("/v1/notifications/" + archived + "/archive", null).status())
			.as("someone else's")
			.isEqualTo(404);
	}

	@Test
	void anArchivedNotificationMarkedUnreadCountsOnlyOnceUnarchived() {
		String user = newUser();
		send(Events.follow(user, "a-" + UUID.randomUUID()));
		String id = ids(awaitItems(user, 1)).get(0);
		Http http = http(user);
		assertCounts(http.postIds("/v1/notifications/archive", List.of(id)), 0, 0);
		assertCounts(http.postIds("/v1/notifications/unread", List.of(id)), 0, 0);
		assertCounts(http.post("/v1/notifications/" + id + "/unarchive", null), 1, 0);
	}

	@Test
	void bulkActionsTakeIdsOrAFilter() {
		String user = newUser();
		send(Events.follow(user, "f-" + UUID.randomUUID()), Events.reaction(user, "r-" + UUID.randomUUID(), "a", "❤"),
				blogComment(user, "c-" + UUID.randomUUID()));
		List<JsonNode> all = new ArrayList<>();
		awaitItems(user, 3).forEach(all::add);
		Http http = http(user);
		assertCounts(http.post("/v1/notifications/read", Map.of("type", "FOLLOW")), 2, 2);
		assertThat(readIds(http)).containsExactly(idOfType(all, "FOLLOW"));
		assertCounts(http.post("/v1/notifications/archive", Map.of("contentType", "blog_post")), 1, 1);
		assertThat(ids(http.get("/v1/notifications?archived=true").body().get("items")))
			.containsExactly(idOfType(all, "COMMENT"));
		assertCounts(http.post("/v1/notifications/seen", Map.of("ids", List.of(idOfType(all, "REACTION")))), 1, 0);
		Response deleted = http.delete("/v1/notifications", Map.of("before", Instant.now().plusSeconds(60).toString()));
		assertCounts(deleted, 0, 0);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isZero();
		assertThat(lastFrame(http).get("change").asString()).isEqualTo("deleted");
		assertThat(lastFrame(http).get("ids")).hasSize(3);
	}

	@Test
	void bulkDeleteByIdsTakesOnlyTheCallersOwn() {
		String user = newUser();
		String other = newUser();
		send(Events.follow(user, "a-" + UUID.randomUUID()), Events.follow(other, "b-" + UUID.randomUUID()));
		String mine = ids(awaitItems(user, 1)).get(0);
		String theirs = ids(awaitItems(other, 1)).get(0);
		assertCounts(http(user).delete("/v1/notifications", Map.of("ids", List.of(mine, theirs))), 0, 0);
		assertThat(ids(items(http(other)))).containsExactly(theirs);
		assertCounts(http(other).get("/v1/notifications/unread-count"), 1, 1);
	}

	@Test
	void aFilterThatTakesThousandsEmitsChangesOfAtMostFiveHundredIds() {
		String user = newUser();
		send(Events.follow(user, "seed-" + UUID.randomUUID()));
		awaitItems(user, 1);
		jdbc.sql("""
				INSERT INTO notifications (id, user_id, type, actors, actor_count, created_at, updated_at)
				SELECT gen_random_uuid(), ?, 'FOLLOW', '[{"id":"x","handle":"x","avatarUrl":null}]', 1,
					now() - make_interval(secs => g), now() - make_interval(secs => g)
				FROM generate_series(1, 1100) g""").param(user).update();
		jdbc.sql("UPDATE user_state SET unread_count = unread_count + 1100, unseen_count = unseen_count + 1100 "
				+ "WHERE user_id = ?")
			.param(user)
			.update();
		long before = publishedThrough(user, latestSeq(http(user))).getSeq();
		assertCounts(http(user).post("/v1/notifications/read", Map.of()), 0, 0);
		await().untilAsserted(() -> assertThat(published(user).getLast().getSeq()).isEqualTo(before + 3));
		List<NotificationChange> changes = published(user).stream().filter((c) -> c.getSeq() > before).toList();
		assertThat(changes).extracting((c) -> c.getNotificationIds().size()).containsExactly(500, 500, 101);
		assertThat(changes).extracting(NotificationChange::getUnreadCount).containsExactly(601, 101, 0);
		Set<String> ids = new HashSet<>();
		changes.forEach((c) -> ids.addAll(c.getNotificationIds()));
		assertThat(ids).hasSize(1101);
	}

	@Test
	void theListFiltersByTypeContentTypeReadStateArchiveAndTimeWithTheCursor() {
		String user = newUser();
		send(Events.follow(user, "f-" + UUID.randomUUID()));
		awaitItems(user, 1);
		Instant middle = Instant.now();
		await().until(() -> Instant.now().isAfter(middle.plusMillis(5)));
		for (int i = 0; i < 3; i++) {
			send(Events.reaction(user, "r" + i + "-" + UUID.randomUUID(), "art" + i, "❤"));
		}
		List<JsonNode> all = new ArrayList<>();
		awaitItems(user, 4).forEach(all::add);
		Http http = http(user);
		assertThat(ids(http.get("/v1/notifications?type=FOLLOW").body().get("items")))
			.containsExactly(idOfType(all, "FOLLOW"));
		assertThat(http.get("/v1/notifications?contentType=artwork").body().get("items")).hasSize(3);
		assertThat(http.get("/v1/notifications?before=" + middle).body().get("items")).hasSize(1);
		assertThat(http.get("/v1/notifications?since=" + middle).body().get("items")).hasSize(3);
		String newest = all.get(0).get("id").asString();
		http.postIds("/v1/notifications/read", List.of(newest));
		assertThat(ids(http.get("/v1/notifications?read=true").body().get("items"))).containsExactly(newest);
		assertThat(http.get("/v1/notifications?read=false").body().get("items")).hasSize(3);
		List<String> paged = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = http
				.get("/v1/notifications?contentType=artwork&limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.body();
			page.get("items").forEach((item) -> paged.add(item.get("id").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);
		assertThat(paged).hasSize(3).doesNotHaveDuplicates().doesNotContain(idOfType(all, "FOLLOW"));
	}

	@Test
	void badActionsAndFiltersAreRefusedNamingTheField() {
		Http http = http(newUser());
		String id = UUID.randomUUID().toString();
		assertField(http.post("/v1/notifications/archive", Map.of("ids", List.of(id), "type", "FOLLOW")), "ids");
		assertField(http.post("/v1/notifications/seen", Map.of("type", "PARTY")), "type");
		assertField(http.post("/v1/notifications/archive", Map.of("contentType", "Blog Post")), "contentType");
		assertField(http.post("/v1/notifications/read", Map.of("before", "soon")), "before");
		assertField(http.post("/v1/notifications/seen", Map.of("ids", List.of("x"))), "ids[0]");
		assertField(http.delete("/v1/notifications"), "body");
		assertField(http.delete("/v1/notifications", Map.of("ids", List.of())), "ids");
		assertField(http.get("/v1/notifications?since=yesterday"), "since");
		assertField(http.get("/v1/notifications?contentType=ART!"), "contentType");
		assertField(http.get("/v1/notifications?archived=maybe"), "archived");
	}

	private static SocialEvent comment(String recipient, String actorId, String commentId, String actionUrl,
			Map<String, String> attributes) {
		return Events.base(EventKind.COMMENT_ADDED, recipient)
			.setActor(Events.actor(actorId))
			.setContent(Events.artwork("a1"))
			.setComment(new CommentRef(commentId, "nice"))
			.setActionUrl(actionUrl)
			.setAttributes(attributes)
			.build();
	}

	private static SocialEvent blogComment(String recipient, String actorId) {
		return Events.base(EventKind.COMMENT_ADDED, recipient)
			.setActor(Events.actor(actorId))
			.setContent(new dev.herald.schema.ContentRef("blog_post", "p1", "Notes", null, null))
			.setComment(new CommentRef(UUID.randomUUID().toString(), "great"))
			.build();
	}

	private JsonNode awaitItems(String user, int expected) {
		await().untilAsserted(() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user))
			.isEqualTo(expected));
		return items(http(user));
	}

	private static JsonNode items(Http http) {
		return http.get("/v1/notifications?limit=100").body().get("items");
	}

	private static List<String> ids(JsonNode items) {
		List<String> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

	private static List<String> readIds(Http http) {
		List<String> ids = new ArrayList<>();
		items(http).forEach((item) -> {
			if (item.get("read").asBoolean()) {
				ids.add(item.get("id").asString());
			}
		});
		return ids;
	}

	private static String idOfType(List<JsonNode> items, String type) {
		return items.stream()
			.filter((item) -> item.get("type").asString().equals(type))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
	}

	private static JsonNode lastFrame(Http http) {
		JsonNode changes = http.get("/v1/notifications/changes?since=0&limit=500").body().get("changes");
		return changes.get(changes.size() - 1);
	}

	/** Asserts a counts answer and returns the seq it belongs to. */
	private static long assertCounts(Response response, int unread, int unseen) {
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.body().get("unreadCount").asInt()).as("unreadCount").isEqualTo(unread);
		assertThat(response.body().get("unseenCount").asInt()).as("unseenCount").isEqualTo(unseen);
		return response.body().get("seq").asLong();
	}

	/**
	 * The user's last change on {@code notifications.v1} once the relay has published the
	 * one numbered {@code seq}: an answer comes after the commit, the record after the
	 * relay.
	 */
	private static NotificationChange publishedThrough(String user, long seq) {
		return await().until(() -> published(user).isEmpty() ? null : published(user).getLast(),
				(change) -> change != null && change.getSeq() >= seq);
	}

	private static long latestSeq(Http http) {
		return http.get("/v1/notifications/unread-count").body().get("seq").asLong();
	}

	private static void assertField(Response response, String field) {
		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

}
