package dev.herald.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.RecordCollector;
import dev.herald.testinfra.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the store's integration tests: the whole service on the shared embedded Kafka
 * and one PostgreSQL database for the JVM, so every test class shares one Spring context.
 * Tests use fresh user ids, so they never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StoreIntegrationTest {

	protected static final KafkaBroker kafka = KafkaBroker.shared();

	protected static final DevTokens tokens = new DevTokens("herald-dev-secret-change-me-0123456789abcdef",
			"herald-dev", "herald");

	@LocalServerPort
	protected int port;

	protected final JdbcClient jdbc;

	protected StoreIntegrationTest(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@DynamicPropertySource
	static void storeProperties(DynamicPropertyRegistry registry) {
		Shared.DATABASE.registerProperties(registry);
		kafka.registerProperties(registry);
		registry.add("herald.store.pipeline.spam-limit", () -> "5");
		registry.add("herald.store.pipeline.concurrency", () -> "2");
		registry.add("herald.store.retention.enabled", () -> "false");
		// Broadcasts run on the extra instances a test starts (StoreInstance), never
		// here.
		registry.add("herald.store.broadcasts.enabled", () -> "false");
		registry.add("herald.kafka.dead-letter.initial-interval", () -> "50ms");
	}

	/** The PostgreSQL database of the test JVM, e.g. to kill its connections. */
	protected static TestDatabase database() {
		return Shared.DATABASE;
	}

	protected static String newUser() {
		return "u-" + UUID.randomUUID();
	}

	protected static void send(SocialEvent... events) {
		for (SocialEvent event : events) {
			kafka.send(Topics.SOCIAL_EVENTS, event.getRecipientId(), event);
		}
	}

	/**
	 * The records published to {@code user-preferences.v1} for one user so far, in
	 * arrival order (tombstones included).
	 */
	protected static List<ConsumerRecord<String, UserPreferences>> publishedPreferences(String userId) {
		return Shared.PREFERENCES.records().stream().filter((r) -> userId.equals(r.key())).toList();
	}

	/** The changes published for one user so far, in arrival order. */
	protected static List<NotificationChange> published(String userId) {
		return Shared.CHANGES.values().stream().filter((c) -> c.getUserId().equals(userId)).toList();
	}

	protected Http http(String userId) {
		return new Http(this.port, tokens.user(userId));
	}

	/** A client sending {@code token} as it is. */
	protected Http withToken(String token) {
		return new Http(this.port, token);
	}

	/** A client with the {@code notifications:admin} scope. */
	protected Http admin() {
		return new Http(this.port, tokens.service("herald-admin", DevTokens.SCOPE_ADMIN));
	}

	protected int unreadCounter(String userId) {
		return this.jdbc.sql("SELECT coalesce(max(unread_count), 0) FROM user_state WHERE user_id = ?")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	protected int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	protected static Instant now() {
		return Instant.now();
	}

	/** What lives as long as the test JVM. */
	private static final class Shared {

		static final TestDatabase DATABASE = database();

		static final RecordCollector<String, NotificationChange> CHANGES = kafka.collect(Topics.NOTIFICATIONS);

		static final RecordCollector<String, UserPreferences> PREFERENCES = kafka.collect(Topics.USER_PREFERENCES);

		private static TestDatabase database() {
			TestDatabase database = TestDatabase.create();
			Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-store-test-database"));
			return database;
		}

	}

}
