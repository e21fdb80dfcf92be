package dev.herald.device.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import dev.herald.device.Changes;
import dev.herald.device.DeviceProperties;
import dev.herald.device.MutableClock;
import dev.herald.device.TestDevice;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.DigestSchedule;
import dev.herald.schema.QuietHours;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.HeraldKafkaAutoConfiguration;
import dev.herald.testinfra.MqttBroker;
import dev.herald.testinfra.RecordCollector;
import dev.herald.testinfra.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery contract, pacing, quiet hours, bad records and the changes of one poll in
 * one transaction, against HiveMQ CE embedded and spoken as MQTT 5.
 */
class HiveMqDeliveryTests extends DeliveryContractTests {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	private static final MqttBroker hiveMq = MqttBroker.startEmbedded();

	private final MeterRegistry meters;

	private final KafkaListenerEndpointRegistry listeners;

	HiveMqDeliveryTests(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties,
			MeterRegistry meters, KafkaListenerEndpointRegistry listeners) {
		super(mvc, clock, jdbc, properties);
		this.meters = meters;
		this.listeners = listeners;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, db, hiveMq.uri());
		registry.add("herald.device.mqtt.protocol", () -> "v5");
	}

	@AfterAll
	static void stopBroker() {
		hiveMq.close();
	}

	@Override
	protected MqttBroker broker() {
		return hiveMq;
	}

	@Test
	void burstOfTenReachesThePlayerAsOneMessageAndOneSummaryAfterTheInterval() throws Exception {
		String owner = newId("user");
		String player = newId("desk");
		registerPlayer(owner, player, "{\"name\":\"Desk\"}");
		List<String> ids = new ArrayList<>();
		try (TestDevice device = TestDevice.subscribe(hiveMq, notificationTopic(player))) {
			for (int seq = 1; seq <= 10; seq++) {
				ids.add(newId("n"));
				send(Changes.created(owner, seq, ids.getLast(), seq));
			}
			await().untilAsserted(() -> assertThat(waiting(player)).isEqualTo(9));
			assertThat(device.distinctIds("/notification")).containsExactly(ids.getFirst());

			this.clock.advance(Duration.ofSeconds(61));

			await().untilAsserted(() -> assertThat(device.messages("/notification")).hasSize(2));
			JsonNode summary = device.messages("/notification").get(1);
			assertThat(summary.get("type").asString()).isEqualTo("summary");
			assertThat(summary.get("count").asInt()).isEqualTo(9);
			assertThat(summary.get("text").asString()).isEqualTo("+9 more");
			assertThat(summary.get("unreadCount").asInt()).isEqualTo(10);

			this.clock.advance(Duration.ofSeconds(61));
			String next = newId("n");
			send(Changes.created(owner, 11, next, 11));

			await().untilAsserted(() -> assertThat(device.messages("/notification")).hasSize(3));
			assertThat(device.distinctIds("/notification")).containsExactly(ids.getFirst(),
					summary.get("id").asString(), next);
		}
	}

	@Test
	void quietHoursOfThePlayerHoldMessagesButNotCriticalOnesThenReleaseOneSummary() throws Exception {
		this.clock.set(Instant.parse("2026-03-02T23:00:00Z"));
		String owner = newId("user");
		String player = newId("bedside");
		registerPlayer(owner, player, "{\"name\":\"Bedside\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}");
		try (TestDevice device = TestDevice.subscribe(hiveMq, notificationTopic(player))) {
			for (int seq = 1; seq <= 3; seq++) {
				send(Changes.created(owner, seq, newId("n"), seq));
			}
			String critical = newId("moderation");
			send(Changes.critical(owner, 4, critical, 4));

			await().untilAsserted(() -> assertThat(device.distinctIds("/notification")).containsExactly(critical));
			assertThat(waiting(player)).isEqualTo(3);

			this.clock.set(Instant.parse("2026-03-03T07:00:01Z"));

			await().untilAsserted(() -> assertThat(device.messages("/notification")).hasSize(2));
			JsonNode summary = device.messages("/notification").get(1);
			assertThat(summary.get("count").asInt()).isEqualTo(3);
			assertThat(summary.get("text").asString()).isEqualTo("3 new notifications");
			await().untilAsserted(() -> assertThat(waiting(player)).isZero());
		}
	}

	@Test
	void quietHoursTimeZoneAndLanguageComeFromTheUsersPreferences() throws Exception {
		String owner = newId("user");
		kafka.send(Topics.USER_PREFERENCES, owner, preferences(owner, "pt-BR", "America/Sao_Paulo"));
		await()
			.untilAsserted(() -> assertThat(this.jdbc.sql("SELECT count(*) FROM device.user_settings WHERE user_id = ?")
				.param(owner)
				.query(Integer.class)
				.single()).isOne());
		String player = newId("kitchen");
		registerPlayer(owner, player, "{\"name\":\"Cozinha\",\"minIntervalSeconds\":0}");
		this.clock.set(Instant.parse("2026-03-03T02:00:00Z"));
		try (TestDevice device = TestDevice.subscribe(hiveMq, notificationTopic(player))) {
			send(Changes.created(owner, 1, newId("n"), 1));
			send(Changes.created(owner, 2, newId("n"), 2));
			await().untilAsserted(() -> assertThat(waiting(player)).isEqualTo(2));

			this.clock.set(Instant.parse("2026-03-03T10:00:01Z"));

			await().untilAsserted(() -> assertThat(device.messages("/notification")).hasSize(1));
			assertThat(device.messages("/notification").get(0).get("text").asString())
				.isEqualTo("2 novas notifica\u00e7\u00f5es");

			send(Changes.created(owner, 3, newId("n"), 3));

			await().untilAsserted(() -> assertThat(device.messages("/notification")).hasSize(2));
			assertThat(device.messages("/notification").get(1).get("text").asString())
				.isEqualTo("alice reagiu \u2764 a Sunset");
		}
	}

	@Test
	void readNotificationsNoLongerWaitForThePlayer() throws Exception {
		String owner = newId("user");
		String player = newId("desk");
		registerPlayer(owner, player, "{\"name\":\"Desk\"}");
		String first = newId("n");
		String second = newId("n");
		send(Changes.created(owner, 1, first, 1));
		send(Changes.created(owner, 2, second, 2));
		await().untilAsserted(() -> assertThat(waiting(player)).isOne());

		send(Changes.state(owner, 3, ChangeKind.READ, List.of(second), 1));

		await().untilAsserted(() -> assertThat(waiting(player)).isZero());
	}

	@Test
	void newPlayerSeesTheCurrentUnreadCountAtOnce() throws Exception {
		String owner = newId("user");
		send(Changes.created(owner, 1, newId("n"), 1));
		send(Changes.created(owner, 2, newId("n"), 2));
		await().untilAsserted(
				() -> assertThat(this.jdbc.sql("SELECT unread_count FROM device.user_state WHERE user_id = ?")
					.param(owner)
					.query(Integer.class)
					.optional()).contains(2));
		String player = newId("new");

		registerPlayer(owner, player, "{\"name\":\"New\"}");

		assertThat(retainedUnread(player)).isEqualTo("{\"unreadCount\":2}");
	}

	@Test
	void changeWithoutNotificationGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
		String owner = newId("user");
		String player = newId("desk");
		registerPlayer(owner, player, "{\"name\":\"Desk\"}");
		try (RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.NOTIFICATIONS.deadLetter());
				TestDevice device = TestDevice.subscribe(hiveMq, notificationTopic(player))) {
			send(Changes.change(owner, 1, ChangeKind.CREATED, null, List.of(), 1));
			String next = newId("n");
			send(Changes.created(owner, 2, next, 1));

			await().untilAsserted(() -> assertThat(deadLetters.records()).filteredOn((record) -> isOf(record, owner))
				.singleElement()
				.satisfies((record) -> assertThat(reason(record)).contains("has no notification")));
			await().untilAsserted(() -> assertThat(device.distinctIds("/notification")).containsExactly(next));
		}
	}

	@Test
	void changesThatArriveTogetherAreAppliedInOneTransactionAndReplaysAreSkipped() throws Exception {
		String alice = newId("user");
		String bob = newId("user");
		String alicePlayer = newId("desk");
		String bobPlayer = newId("desk");
		registerPlayer(alice, alicePlayer, "{\"name\":\"Desk\",\"minIntervalSeconds\":0}");
		registerPlayer(bob, bobPlayer, "{\"name\":\"Desk\",\"minIntervalSeconds\":0}");
		DistributionSummary batches = this.meters.get("herald.device.batch.size").summary();
		long transactionsBefore = batches.count();
		double appliedBefore = batches.totalAmount();
		List<String> aliceIds = new ArrayList<>();
		List<String> bobIds = new ArrayList<>();
		try (TestDevice aliceDevice = TestDevice.subscribe(hiveMq, notificationTopic(alicePlayer));
				TestDevice bobDevice = TestDevice.subscribe(hiveMq, notificationTopic(bobPlayer))) {
			whileTheListenerIsStopped(() -> {
				for (int seq = 1; seq <= 3; seq++) {
					aliceIds.add(newId("n"));
					send(Changes.created(alice, seq, aliceIds.getLast(), seq));
					bobIds.add(newId("n"));
					send(Changes.created(bob, seq, bobIds.getLast(), seq));
				}
				send(Changes.created(alice, 2, newId("replay"), 9));
			});

			await().untilAsserted(
					() -> assertThat(bobDevice.distinctIds("/notification")).containsExactlyElementsOf(bobIds));
			await().untilAsserted(() -> assertThat(batches.totalAmount() - appliedBefore).isEqualTo(7));
			assertThat(aliceDevice.distinctIds("/notification")).containsExactlyElementsOf(aliceIds);
			assertThat(batches.count() - transactionsBefore).as("transactions for 7 changes polled together")
				.isLessThan(7);

			send(Changes.created(alice, 3, newId("replay"), 9));
			aliceIds.add(newId("n"));
			send(Changes.created(alice, 4, aliceIds.getLast(), 4));

			await().untilAsserted(
					() -> assertThat(aliceDevice.distinctIds("/notification")).containsExactlyElementsOf(aliceIds));
		}
		// a message goes out before its transaction commits: the row may lag it a moment
		await().untilAsserted(
				() -> assertThat(this.jdbc.sql("SELECT unread_count FROM device.user_state WHERE user_id = ?")
					.param(alice)
					.query(Integer.class)
					.single()).isEqualTo(4));
	}

	@Test
	void onlyTheInvalidChangeOfAPollIsDeadLetteredAndEveryOtherIsDelivered() throws Exception {
		String alice = newId("user");
		String bob = newId("user");
		String alicePlayer = newId("desk");
		String bobPlayer = newId("desk");
		registerPlayer(alice, alicePlayer, "{\"name\":\"Desk\",\"minIntervalSeconds\":0}");
		registerPlayer(bob, bobPlayer, "{\"name\":\"Desk\",\"minIntervalSeconds\":0}");
		List<String> aliceIds = List.of(newId("n"), newId("n"));
		List<String> bobIds = List.of(newId("n"), newId("n"));
		try (RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.NOTIFICATIONS.deadLetter());
				TestDevice aliceDevice = TestDevice.subscribe(hiveMq, notificationTopic(alicePlayer));
				TestDevice bobDevice = TestDevice.subscribe(hiveMq, notificationTopic(bobPlayer))) {
			whileTheListenerIsStopped(() -> {
				send(Changes.created(alice, 1, aliceIds.get(0), 1));
				send(Changes.created(bob, 1, bobIds.get(0), 1));
				send(Changes.created(alice, 2, newId("poison"), -1));
				send(Changes.created(bob, 2, bobIds.get(1), 2));
				send(Changes.created(alice, 3, aliceIds.get(1), 2));
			});

			await().untilAsserted(() -> assertThat(deadLetters.records()).filteredOn((record) -> isOf(record, alice))
				.singleElement()
				.satisfies((record) -> assertThat(reason(record)).contains("unreadCount -1 is negative")));
			await().untilAsserted(
					() -> assertThat(aliceDevice.distinctIds("/notification")).containsExactlyElementsOf(aliceIds));
			await().untilAsserted(
					() -> assertThat(bobDevice.distinctIds("/notification")).containsExactlyElementsOf(bobIds));
			assertThat(deadLetters.records()).noneMatch((record) -> isOf(record, bob));
			assertThat(this.jdbc.sql("SELECT seq FROM device.user_state WHERE user_id = ?")
				.param(alice)
				.query(Long.class)
				.single()).isEqualTo(3);
		}
	}

	/**
	 * Stops the notifications listener while {@code sends} runs, so that what it sends is
	 * there for the first poll after the listener started again.
	 */
	private void whileTheListenerIsStopped(Runnable sends) {
		MessageListenerContainer container = this.listeners.getListenerContainer("device-notifications");
		container.stop();
		try {
			sends.run();
		}
		finally {
			container.start();
		}
	}

	private static boolean isOf(ConsumerRecord<byte[], byte[]> record, String userId) {
		return record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(userId);
	}

	private static String reason(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.headers().lastHeader(HeraldKafkaAutoConfiguration.REASON_HEADER).value(),
				StandardCharsets.UTF_8);
	}

	private static UserPreferences preferences(String userId, String locale, String timeZone) {
		return UserPreferences.newBuilder()
			.setUserId(userId)
			.setTypes(List.of())
			.setDigest(DigestSchedule.newBuilder()
				.setFrequency(DigestFrequency.OFF)
				.setSendHour(9)
				.setWeekday(1)
				.setMinimumUnread(1)
				.build())
			.setQuietHours(QuietHours.newBuilder().setStart(LocalTime.of(22, 0)).setEnd(LocalTime.of(7, 0)).build())
			.setTimeZone(timeZone)
			.setLocale(locale)
			.setUpdatedAt(Instant.now())
			.build();
	}

}
