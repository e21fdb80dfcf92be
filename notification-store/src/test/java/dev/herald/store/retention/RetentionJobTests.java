package dev.herald.store.retention;

import java.util.UUID;

import dev.herald.schema.ChangeKind;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RetentionJobTests extends StoreIntegrationTest {

	private final RetentionJob retention;

	RetentionJobTests(JdbcClient jdbc, RetentionJob retention) {
		super(jdbc);
		this.retention = retention;
	}

	@Test
	void deletesOldNotificationsThroughTheLedgerAndOldPublishedChanges() {
		String user = newUser();
		send(Events.follow(user, "old-" + UUID.randomUUID()), Events.follow(user, "new-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		// retention keeps what the relay's cursor does not cover yet
		await().untilAsserted(() -> assertThat(count(
				"SELECT count(*) FROM changes WHERE user_id = ? AND id > (SELECT published_through FROM outbox_cursor)",
				user))
			.isZero());
		jdbc.sql("""
				UPDATE notifications SET created_at = now() - interval '91 days' WHERE user_id = ? AND id = (
				SELECT id FROM notifications WHERE user_id = ? ORDER BY created_at, id LIMIT 1)""")
			.params(user, user)
			.update();
		jdbc.sql("UPDATE changes SET created_at = now() - interval '8 days' WHERE user_id = ? AND seq = 1")
			.param(user)
			.update();
		RetentionJob.Result result = this.retention.runOnce();
		assertThat(result.notifications()).isGreaterThanOrEqualTo(1);
		assertThat(result.changes()).isGreaterThanOrEqualTo(1);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(1);
		assertThat(unreadCounter(user)).isEqualTo(1);
		assertThat(count("SELECT min(seq) FROM changes WHERE user_id = ?", user)).isEqualTo(2);
		await().untilAsserted(() -> assertThat(published(user)).hasSize(3));
		assertThat(published(user).get(2).getKind()).isEqualTo(ChangeKind.DELETED);
		assertThat(published(user).get(2).getUnreadCount()).isEqualTo(1);
		assertThat(http(user).get("/v1/notifications/changes?since=0").status()).isEqualTo(410);
	}

}
