package dev.herald.store.broadcast;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.store.broadcast.BroadcastDtos.Audience;
import dev.herald.store.broadcast.BroadcastDtos.AudienceType;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastRequest;
import dev.herald.store.broadcast.BroadcastDtos.Message;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who a broadcast numbers as its recipients when it starts, checked on the database
 * inside a transaction that is rolled back (so no one is notified).
 */
class BroadcastAudienceTests extends StoreIntegrationTest {

	private final Broadcasts broadcasts;

	private final TransactionTemplate transactions;

	BroadcastAudienceTests(JdbcClient jdbc, Broadcasts broadcasts, TransactionTemplate transactions) {
		super(jdbc);
		this.broadcasts = broadcasts;
		this.transactions = transactions;
	}

	@Test
	void allKnownUsersAreThoseWithAContactALedgerOrSavedPreferences() {
		String withContact = newUser();
		String withLedger = newUser();
		String withPreferences = newUser();
		jdbc.sql("INSERT INTO contacts (user_id, attributes, updated_at) VALUES (?, '{}', now())")
			.param(withContact)
			.update();
		jdbc.sql("INSERT INTO preferences (user_id) VALUES (?)").param(withPreferences).update();
		send(Events.follow(withLedger, "f-" + UUID.randomUUID()));
		await().until(() -> count("SELECT count(*) FROM user_state WHERE user_id = ?", withLedger) == 1);
		List<String> recipients = recipientsAtStart(new Audience(AudienceType.ALL, null, null, null));
		assertThat(recipients).contains(withContact, withLedger, withPreferences).doesNotHaveDuplicates();
		assertThat(recipients).hasSize(count("""
				SELECT count(*) FROM (SELECT user_id FROM contacts UNION SELECT user_id FROM user_state
				UNION SELECT user_id FROM preferences) known"""));
	}

	@Test
	void anAttributeAudienceIsTheContactsWithThatValue() {
		String plan = "plan-" + UUID.randomUUID();
		String pro = newUser();
		String free = newUser();
		jdbc.sql("INSERT INTO contacts (user_id, attributes, updated_at) VALUES (?, ?::jsonb, now())")
			.params(pro, "{\"plan\": \"" + plan + "\", \"lang\": \"es\"}")
			.update();
		jdbc.sql("INSERT INTO contacts (user_id, attributes, updated_at) VALUES (?, ?::jsonb, now())")
			.params(free, "{\"plan\": \"free-" + plan + "\"}")
			.update();
		assertThat(recipientsAtStart(new Audience(AudienceType.ATTRIBUTE, null, "plan", plan))).containsExactly(pro);
		assertThat(recipientsAtStart(new Audience(AudienceType.USERS, List.of("b", "a", "b"), null, null)))
			.containsExactly("a", "b");
	}

	/** The numbered recipients, in order, of a broadcast started and rolled back. */
	private List<String> recipientsAtStart(Audience audience) {
		return this.transactions.execute((status) -> {
			status.setRollbackOnly();
			BroadcastRequest request = new BroadcastRequest(new Message("t", "b"), false, audience, null);
			Broadcast broadcast = this.broadcasts.insert(UUID.randomUUID(), request, Instant.now());
			this.broadcasts.start(broadcast);
			assertThat(this.broadcasts.find(broadcast.id()).orElseThrow().view().total()).isNotNull();
			return jdbc.sql("SELECT user_id FROM broadcast_recipients WHERE broadcast_id = ? ORDER BY position")
				.param(broadcast.id())
				.query(String.class)
				.list();
		});
	}

}
