package dev.herald.store.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The batch's look-up of open aggregates answers exactly the pairs of user and key it is
 * given, one index probe each: a user's aggregate on another user's content is not
 * returned (probing every user with every key, as {@code ANY(users) AND ANY(keys)} does,
 * would return it and grows with the square of the batch).
 */
class OpenAggregatesTests extends StoreIntegrationTest {

	private final Notifications notifications;

	OpenAggregatesTests(JdbcClient jdbc, Notifications notifications) {
		super(jdbc);
		this.notifications = notifications;
	}

	@Test
	void answersTheGivenPairsOnly() {
		String alice = newUser();
		String bob = newUser();
		send(Events.reaction(alice, "a1", "art-x", "❤"), Events.reaction(bob, "b1", "art-y", "❤"));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM notifications WHERE user_id IN (?, ?)", alice, bob))
					.isEqualTo(2));
		String keyX = key(alice);
		String keyY = key(bob);
		Instant since = now().minus(Duration.ofHours(1));

		assertThat(this.notifications.openAggregates(List.of(alice, bob), List.of(keyY, keyX), since)).isEmpty();
		assertThat(this.notifications.openAggregates(List.of(alice, bob), List.of(keyX, keyY), since))
			.extracting(StoredNotification::userId, StoredNotification::aggregateKey)
			.containsExactlyInAnyOrder(tuple(alice, keyX), tuple(bob, keyY));
		assertThat(this.notifications.openAggregates(List.of(alice), List.of(keyX), now())).isEmpty();
	}

	private String key(String userId) {
		return this.jdbc.sql("SELECT aggregate_key FROM notifications WHERE user_id = ?")
			.param(userId)
			.query(String.class)
			.single();
	}

}
