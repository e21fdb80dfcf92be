package dev.herald.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.devstack.HeraldServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Followers of a thread on the real stack: users follow it themselves (the store's API)
 * or are subscribed by the upstream service (ingest, in bulk); one of them comments, as
 * one event naming the topic, and every other follower gets one notification over
 * WebSocket and in the inbox, while the commenter and a user unsubscribed again get
 * nothing.
 */
class TopicEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	@Test
	void aCommentOnAThreadReachesEveryOtherFollowerOnce() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String thread = "thread:" + run;
		String commenter = "commenter-" + run;
		String follower = "follower-" + run;
		String subscribed = "subscribed-" + run;
		String unsubscribed = "unsubscribed-" + run;
		for (String user : List.of(commenter, follower)) {
			Api.Response put = store(user).put("/v1/subscriptions/" + thread, null);
			assertThat(put.status()).as(put.body()).isEqualTo(204);
		}
		Api.Response added = this.ingest.put("/v1/topics/" + thread + "/subscribers",
				Map.of("userIds", List.of(subscribed, unsubscribed)));
		assertThat(added.status()).as(added.body()).isEqualTo(202);
		await().atMost(TIMEOUT).until(() -> follows(unsubscribed, thread) && follows(subscribed, thread));
		Api.Response removed = this.ingest.post("/v1/topics/" + thread + "/subscribers:remove",
				Map.of("userIds", List.of(unsubscribed)));
		assertThat(removed.status()).as(removed.body()).isEqualTo(202);
		await().atMost(TIMEOUT).until(() -> !follows(unsubscribed, thread));

		List<String> users = List.of(commenter, follower, subscribed, unsubscribed);
		List<PushSession> tabs = users.stream().map(PushSession::open).toList();
		try {
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(tabs).allSatisfy((tab) -> assertThat(tab.frames("hello")).hasSize(1)));
			Api.Response comment = this.ingest.post("/v1/events", comment(thread, commenter));
			assertThat(comment.status()).as(comment.body()).isEqualTo(202);
			for (PushSession tab : List.of(tabs.get(1), tabs.get(2))) {
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(tab.frames("notification")).singleElement()
						.satisfies((frame) -> assertThat(frame.at("/notification/actors/0/id").asString())
							.isEqualTo(commenter)));
			}
			for (String user : List.of(follower, subscribed)) {
				assertThat(Inbox.of(user).items()).singleElement()
					.satisfies((item) -> assertThat(item.path("type").asString()).isEqualTo("COMMENT"));
			}
			// the fan-out has completed for the two followers; nothing else is on its way
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(tabs.get(0).frames("notification")).isEmpty();
				assertThat(tabs.get(3).frames("notification")).isEmpty();
				assertThat(tabs.get(1).frames("notification")).hasSize(1);
				assertThat(tabs.get(2).frames("notification")).hasSize(1);
			});
			assertThat(Inbox.of(commenter).items()).isEmpty();
			assertThat(Inbox.of(unsubscribed).items()).isEmpty();
		}
		finally {
			tabs.forEach(PushSession::close);
		}
	}

	private static boolean follows(String user, String topic) {
		Api.Response page = store(user).get("/v1/subscriptions");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.json().path("items").valueStream().anyMatch((item) -> topic.equals(item.path("topic").asString()));
	}

	private static Api store(String user) {
		return new Api(HeraldServices.STORE_PORT, Herald.tokens.user(user));
	}

	private static Map<String, Object> comment(String thread, String commenter) {
		return Map.of("eventId", UUID.randomUUID().toString(), "kind", "COMMENT_ADDED", "occurredAt",
				Instant.now().toString(), "topic", thread, "actor", Map.of("id", commenter, "handle", "commenter"),
				"content", Map.of("type", "artwork", "id", "art-" + thread.substring(7), "title", "The thread"),
				"comment", Map.of("id", "c-" + UUID.randomUUID(), "preview", "I agree"));
	}

}
