package dev.herald.store.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.herald.schema.NotificationChange;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxRelayTests extends StoreIntegrationTest {

	private final OutboxRelay relay;

	private final OutboxPublisher publisher;

	private final JdbcConnectionDetails database;

	private final RelayProperties properties;

	OutboxRelayTests(JdbcClient jdbc, OutboxRelay relay, OutboxPublisher publisher, JdbcConnectionDetails database,
			RelayProperties properties) {
		super(jdbc);
		this.relay = relay;
		this.publisher = publisher;
		this.database = database;
		this.properties = properties;
	}

	@Test
	void changesCommittedWhileTheRelayIsDownArePublishedWhenItComesBack() {
		String user = newUser();
		this.relay.stop();
		try {
			send(Events.follow(user, "alice-" + UUID.randomUUID()));
			await().untilAsserted(() -> assertThat(unpublished(user)).isEqualTo(1));
			await().during(Duration.ofMillis(300)).untilAsserted(() -> assertThat(published(user)).isEmpty());
		}
		finally {
			this.relay.start();
		}
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(published(user).get(0).getSeq()).isEqualTo(1);
		await().untilAsserted(() -> assertThat(unpublished(user)).isZero());
	}

	@Test
	void twoRelaysPublishEveryChangeOnceAndInSeqOrder() {
		OutboxRelay second = new OutboxRelay(this.publisher, this.database, this.properties, new SimpleMeterRegistry());
		second.start();
		try {
			String user = newUser();
			IntStream.range(0, 30).forEach((i) -> send(Events.follow(user, "fan" + i + "-" + UUID.randomUUID())));
			await().untilAsserted(() -> assertThat(published(user)).hasSize(30));
			await().during(Duration.ofMillis(300)).untilAsserted(() -> assertThat(published(user)).hasSize(30));
			List<Long> seqs = published(user).stream().map(NotificationChange::getSeq).toList();
			assertThat(seqs).isEqualTo(seqsUpTo(30));
			assertThat(this.relay.isLeader() ^ second.isLeader()).isTrue();
		}
		finally {
			second.stop();
		}
	}

	private static List<Long> seqsUpTo(int n) {
		return IntStream.rangeClosed(1, n).mapToObj(Long::valueOf).toList();
	}

	private int unpublished(String user) {
		return count("SELECT count(*) FROM changes WHERE user_id = ? AND published_at IS NULL", user);
	}

}
