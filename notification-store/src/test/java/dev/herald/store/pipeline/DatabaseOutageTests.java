package dev.herald.store.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.herald.schema.NotificationChange;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DatabaseOutageTests extends StoreIntegrationTest {

	private static final int EVENTS = 20;

	DatabaseOutageTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void killedDatabaseConnectionsLoseNoEventAndDeadLetterNone() {
		String user = newUser();
		for (int i = 0; i < EVENTS; i++) {
			send(Events.follow(user, "f" + i + "-" + UUID.randomUUID()));
			if (i % 5 == 0) {
				database().terminateConnections();
			}
		}
		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(published(user).stream().map(NotificationChange::getSeq).distinct())
				.containsExactlyElementsOf(seqs()));
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(EVENTS);
		assertThat(unreadCounter(user)).isEqualTo(EVENTS);
	}

	private static List<Long> seqs() {
		return LongStream.rangeClosed(1, EVENTS).boxed().toList();
	}

}
