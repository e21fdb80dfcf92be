package dev.herald.digest.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.herald.digest.DigestServiceTest;
import dev.herald.digest.MutableClock;
import dev.herald.digest.delivery.Digest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several claimers at once (three here plus the running scheduler, as several instances
 * would be) never take the same user twice.
 */
class DigestClaimsConcurrencyTests extends DigestServiceTest {

	static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");

	final DigestClaims claims;

	final JdbcClient jdbc;

	final MutableClock clock;

	DigestClaimsConcurrencyTests(DigestClaims claims, JdbcClient jdbc, MutableClock clock) {
		this.claims = claims;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Test
	void eachDueUserIsClaimedExactlyOnce() throws Exception {
		this.clock.set(NOW);
		List<String> users = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			users.add(dueUser());
		}
		List<Digest> claimed = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(3)) {
			Callable<List<Digest>> claimer = () -> this.claims.claim(NOW, 50);
			for (Future<List<Digest>> result : executor.invokeAll(List.of(claimer, claimer, claimer))) {
				claimed.addAll(result.get());
			}
		}
		List<String> claimedUsers = claimed.stream().map((digest) -> digest.recipient().userId()).toList();
		assertThat(claimedUsers).doesNotHaveDuplicates();
		for (String user : users) {
			assertThat(this.jdbc.sql("SELECT count(*) FROM email_log WHERE user_id = ?")
				.param(user)
				.query(Long.class)
				.single()).as(user).isOne();
		}
	}

	private String dueUser() {
		String user = "u-" + UUID.randomUUID();
		Timestamp at = Timestamp.from(NOW.minusSeconds(60));
		this.jdbc.sql("INSERT INTO contacts (user_id, email, updated_at) VALUES (?, ?, ?)")
			.params(user, user + "@example.com", at)
			.update();
		this.jdbc
			.sql("""
					INSERT INTO pending_items (user_id, notification_id, template_key, params, critical, updated_at, received_at)
					VALUES (?, 'n1', 'follow.one', '{"actor1":"eve"}', false, ?, ?)""")
			.params(user, at, at)
			.update();
		this.jdbc.sql("INSERT INTO schedules (user_id, next_due_at) VALUES (?, ?)").params(user, at).update();
		return user;
	}

}
