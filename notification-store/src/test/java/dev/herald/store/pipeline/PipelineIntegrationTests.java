package dev.herald.store.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.CommentRef;
import dev.herald.schema.EventKind;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.schema.SocialEvent;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineIntegrationTests extends StoreIntegrationTest {

	PipelineIntegrationTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void eventBecomesNotificationAndCreatedChange() {
		String user = newUser();
		SocialEvent event = Events.reaction(user, "alice-" + UUID.randomUUID(), "a1", "🔥");
		send(event);
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		NotificationChange change = published(user).get(0);
		assertThat(change.getKind()).isEqualTo(ChangeKind.CREATED);
		assertThat(change.getSeq()).isEqualTo(1);
		assertThat(change.getUnreadCount()).isEqualTo(1);
		assertThat(change.getChannels()).containsExactly(Channel.DEVICE);
		assertThat(change.getOccurredAt())
			.isEqualTo(event.getOccurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		assertThat(change.getEmittedAt()).isAfterOrEqualTo(change.getOccurredAt());
		assertThat(change.getNotification().getTemplateKey()).isEqualTo("reaction.one");
		assertThat(change.getNotification().getParams()).containsEntry("actor1", "alice")
			.containsEntry("reaction", "🔥")
			.containsEntry("title", "Sunset a1");
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ? AND NOT read", user)).isEqualTo(1);
		assertThat(unreadCounter(user)).isEqualTo(1);
	}

	@Test
	void redeliveredEventChangesNothing() {
		String user = newUser();
		SocialEvent event = Events.follow(user, "bob-" + UUID.randomUUID());
		send(event, event);
		send(Events.moderation(user, false));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		send(event);
		SocialEvent marker = Events.follow(user, "carol-" + UUID.randomUUID());
		send(marker);
		await().untilAsserted(() -> assertThat(published(user)).hasSize(3));
		assertThat(published(user)).extracting(NotificationChange::getSeq).containsExactly(1L, 2L, 3L);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(3);
		assertThat(unreadCounter(user)).isEqualTo(3);
	}

	@Test
	void reactionsOnOneContentAggregateIntoOneUnreadNotification() {
		String user = newUser();
		List<String> actors = List.of("alice-" + UUID.randomUUID(), "bob-" + UUID.randomUUID(),
				"carol-" + UUID.randomUUID(), "dave-" + UUID.randomUUID());
		actors.forEach((actor) -> send(Events.reaction(user, actor, "sun", "❤")));
		send(Events.reaction(user, actors.get(0), "sun", "👍"));
		send(Events.reaction(user, actors.get(0), "moon", "❤"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(6));
		List<NotificationChange> changes = published(user);
		assertThat(changes).extracting(NotificationChange::getKind)
			.containsExactly(ChangeKind.CREATED, ChangeKind.UPDATED, ChangeKind.UPDATED, ChangeKind.UPDATED,
					ChangeKind.UPDATED, ChangeKind.CREATED);
		NotificationChange grown = changes.get(4);
		assertThat(grown.getUnreadCount()).isEqualTo(1);
		assertThat(grown.getNotification().getActorCount()).isEqualTo(4);
		assertThat(grown.getNotification().getActors()).extracting((a) -> a.getHandle())
			.containsExactly("alice", "dave", "carol");
		assertThat(grown.getNotification().getTemplateKey()).isEqualTo("reaction.many");
		assertThat(grown.getNotification().getParams()).containsEntry("others", "2");
		assertThat(changes.get(5).getUnreadCount()).isEqualTo(2);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(2);
	}

	@Test
	void readAggregateIsNotJoinedAndCommentsAggregateSeparately() {
		String user = newUser();
		send(Events.comment(user, "alice-" + UUID.randomUUID(), "c1", "nice"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		jdbc.sql("UPDATE notifications SET read = true WHERE user_id = ?").param(user).update();
		send(Events.comment(user, "bob-" + UUID.randomUUID(), "c1", "wow"),
				Events.comment(user, "carol-" + UUID.randomUUID(), "c1", "great"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(3));
		NotificationChange last = published(user).get(2);
		assertThat(last.getKind()).isEqualTo(ChangeKind.UPDATED);
		assertThat(last.getNotification().getTemplateKey()).isEqualTo("comment.two");
		assertThat(last.getNotification().getCommentPreview()).isEqualTo("great");
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(2);
	}

	@Test
	void aRemovedReactionTakesItsActorOutOfTheAggregateAndDeletesOneNoOneIsLeftOn() {
		String user = newUser();
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		send(Events.reaction(user, alice, "solo", "❤"), Events.reactionRemoved(user, alice, "solo"));
		send(Events.reaction(user, alice, "duo", "❤"), Events.reaction(user, bob, "duo", "❤"),
				Events.reactionRemoved(user, bob, "duo"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(5));
		List<NotificationChange> changes = published(user);
		assertThat(changes.get(1).getKind()).isEqualTo(ChangeKind.DELETED);
		assertThat(changes.get(1).getNotificationIds()).containsExactly(changes.get(0).getNotification().getId());
		assertThat(changes.get(1).getUnreadCount()).isZero();
		NotificationChange retracted = changes.get(4);
		assertThat(retracted.getKind()).isEqualTo(ChangeKind.UPDATED);
		assertThat(retracted.getNotification().getActorCount()).isEqualTo(1);
		assertThat(retracted.getNotification().getActors()).extracting((a) -> a.getId()).containsExactly(alice);
		assertThat(retracted.getNotification().getTemplateKey()).isEqualTo("reaction.one");
		assertThat(retracted.getUnreadCount()).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(1);
		assertThat(unreadCounter(user)).isEqualTo(1);
	}

	@Test
	void aReactionTakenBackLeavesANotificationThatWasReadAlready() {
		String user = newUser();
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		send(Events.reaction(user, alice, "read", "❤"), Events.reaction(user, bob, "read", "❤"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		assertThat(http(user).post("/v1/notifications/read-all", java.util.Map.of()).status()).isEqualTo(200);
		send(Events.reactionRemoved(user, bob, "read"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(4));
		NotificationChange retracted = published(user).get(3);
		assertThat(retracted.getKind()).isEqualTo(ChangeKind.UPDATED);
		assertThat(retracted.getNotification().getRead()).isTrue();
		assertThat(retracted.getNotification().getActors()).extracting((a) -> a.getId()).containsExactly(alice);
		assertThat(retracted.getUnreadCount()).isZero();
	}

	/**
	 * An anonymous actor has no id: taking back an anonymous reaction takes one anonymous
	 * reaction off the aggregate, and the events around it are applied as usual.
	 */
	@Test
	void anAnonymousReactionTakenBackLeavesTheAggregateAndItsNeighboursAreStored() {
		String user = newUser();
		String alice = "alice-" + UUID.randomUUID();
		Actor anonymous = new Actor(null, "someone", null);
		SocialEvent anonymousReaction = Events.base(EventKind.REACTION_ADDED, user)
			.setActor(anonymous)
			.setContent(Events.artwork("anon"))
			.setReaction("❤")
			.build();
		SocialEvent anonymousRemoval = Events.base(EventKind.REACTION_REMOVED, user)
			.setActor(anonymous)
			.setContent(Events.artwork("anon"))
			.setReaction("❤")
			.build();
		send(Events.reaction(user, alice, "anon", "❤"), anonymousReaction);
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		assertThat(published(user).get(1).getNotification().getActorCount()).isEqualTo(2);
		send(anonymousRemoval, Events.comment(user, "bob-" + UUID.randomUUID(), "other", "hi"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(4));
		NotificationChange retracted = published(user).get(2);
		assertThat(retracted.getKind()).isEqualTo(ChangeKind.UPDATED);
		assertThat(retracted.getNotification().getActorCount()).isEqualTo(1);
		assertThat(retracted.getNotification().getActors()).extracting((a) -> a.getId()).containsExactly(alice);
		assertThat(published(user).get(3).getNotification().getType()).isEqualTo(NotificationType.COMMENT);
		assertThat(unreadCounter(user)).isEqualTo(2);
	}

	/**
	 * The spam limit (5 in these tests) counts an actor per recipient; anonymous actors,
	 * who have no id, share one count per recipient and content.
	 */
	@Test
	void anonymousActorsAreRateLimitedPerRecipientAndContent() {
		String user = newUser();
		for (int i = 0; i < 7; i++) {
			send(Events.base(EventKind.COMMENT_ADDED, user)
				.setActor(new Actor(null, "someone", null))
				.setContent(Events.artwork("busy"))
				.setComment(new CommentRef(UUID.randomUUID().toString(), "spam " + i))
				.build());
		}
		send(Events.base(EventKind.COMMENT_ADDED, user)
			.setActor(new Actor(null, "someone", null))
			.setContent(Events.artwork("quiet"))
			.setComment(new CommentRef(UUID.randomUUID().toString(), "hello"))
			.build());
		await().untilAsserted(() -> assertThat(published(user)).hasSize(6));
		await().during(Duration.ofMillis(500)).untilAsserted(() -> assertThat(published(user)).hasSize(6));
		assertThat(count("SELECT actor_count FROM notifications WHERE user_id = ? AND content_id = 'busy'", user))
			.isEqualTo(5);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ? AND content_id = 'quiet'", user))
			.isEqualTo(1);
	}

	@Test
	void dropsSelfActionsMutedActorsSwitchedOffTypesAndFloods() {
		String user = newUser();
		String muted = "mallory-" + UUID.randomUUID();
		String flooder = "flo-" + UUID.randomUUID();
		jdbc.sql("INSERT INTO preferences (user_id, muted_actors) VALUES (?, ARRAY[?])").params(user, muted).update();
		jdbc.sql("INSERT INTO preference_types VALUES (?, 'MODERATION', false, true, true)").param(user).update();
		send(Events.follow(user, user), Events.follow(user, muted), Events.moderation(user, false));
		for (int i = 0; i < 7; i++) {
			send(Events.reaction(user, flooder, "flood-" + i, "❤"));
		}
		send(Events.moderation(user, true));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(6));
		await().during(Duration.ofMillis(500)).untilAsserted(() -> assertThat(published(user)).hasSize(6));
		List<NotificationChange> changes = published(user);
		assertThat(changes.subList(0, 5))
			.allSatisfy((c) -> assertThat(c.getNotification().getActors()).extracting((a) -> a.getId())
				.containsExactly(flooder));
		assertThat(changes.get(5).getNotification().getCritical()).isTrue();
	}

	@Test
	void deletedContentLeavesEveryInbox() {
		String owner = newUser();
		String other = newUser();
		String content = "gone-" + UUID.randomUUID();
		send(Events.reaction(owner, "alice-" + UUID.randomUUID(), content, "❤"),
				Events.comment(other, "bob-" + UUID.randomUUID(), content, "hi"),
				Events.follow(owner, "carol-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(owner)).hasSize(2));
		await().untilAsserted(() -> assertThat(published(other)).hasSize(1));
		send(Events.contentDeleted(owner, content));
		await().untilAsserted(() -> assertThat(published(other)).hasSize(2));
		await().untilAsserted(() -> assertThat(published(owner)).hasSize(3));
		assertThat(published(owner).get(2).getKind()).isEqualTo(ChangeKind.DELETED);
		assertThat(published(owner).get(2).getUnreadCount()).isEqualTo(1);
		assertThat(published(other).get(1).getUnreadCount()).isZero();
		assertThat(count("SELECT count(*) FROM notifications WHERE content_id = ?", content)).isZero();
	}

	@Test
	void deletedUserIsErasedAndShownAsDeletedWhereTheyActed() {
		String gone = newUser();
		String friend = newUser();
		send(Events.follow(gone, "zed-" + UUID.randomUUID()), Events.follow(friend, gone));
		await().untilAsserted(() -> assertThat(published(friend)).hasSize(1));
		await().untilAsserted(() -> assertThat(published(gone)).hasSize(1));
		jdbc.sql("INSERT INTO preferences (user_id) VALUES (?)").param(gone).update();
		send(Events.userDeleted(gone));
		await().untilAsserted(() -> assertThat(published(friend)).hasSize(2));
		NotificationChange updated = published(friend).get(1);
		assertThat(updated.getKind()).isEqualTo(ChangeKind.UPDATED);
		assertThat(updated.getNotification().getActors().get(0).getHandle()).isEqualTo("[deleted]");
		assertThat(updated.getNotification().getActors().get(0).getId()).isNull();
		for (String table : List.of("notifications", "user_state", "changes", "preferences")) {
			assertThat(count("SELECT count(*) FROM " + table + " WHERE user_id = ?", gone)).as(table).isZero();
		}
		assertThat(count("SELECT count(*) FROM notifications WHERE ? = ANY(actor_ids)", gone)).isZero();
	}

}
