package dev.herald.device.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.herald.device.Changes;
import dev.herald.device.DeviceProperties;
import dev.herald.device.GatewayIntegrationTest;
import dev.herald.device.MutableClock;
import dev.herald.device.TestDevice;
import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.MqttBroker;
import dev.herald.testinfra.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The MQTT broker goes away and comes back: while it is away the gateway's health says so
 * and the Kafka offsets stay where they were; afterwards the backlog is delivered, paced,
 * and a player that dedupes by id sees every notification once.
 */
class BrokerOutageTests extends GatewayIntegrationTest {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	private static final MqttBroker hiveMq = MqttBroker.startEmbedded();

	private final MeterRegistry meters;

	@Value("${spring.kafka.consumer.group-id}")
	private String groupId;

	BrokerOutageTests(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties,
			MeterRegistry meters) {
		super(mvc, clock, jdbc, properties);
		this.meters = meters;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, db, hiveMq.uri());
	}

	@AfterAll
	static void stopBroker() {
		hiveMq.close();
	}

	@Test
	void nothingIsLostOrDuplicatedWhileTheBrokerIsDown() throws Exception {
		this.clock.set(Instant.parse("2026-03-02T12:00:00Z"));
		String owner = newId("user");
		String player = newId("desk");
		registerPlayer(owner, player, "{\"name\":\"Desk\"}");
		String first = newId("n");
		List<JsonNode> before;
		try (TestDevice device = TestDevice.subscribe(hiveMq, notificationTopic(player))) {
			send(Changes.created(owner, 1, first, 1));
			await().untilAsserted(() -> assertThat(device.distinctIds("/notification")).containsExactly(first));
			await().untilAsserted(() -> assertThat(uncommitted()).isZero());
			before = device.messages("/notification");
		}

		hiveMq.stop();
		awaitMqttHealth("DOWN");
		// without the broker no player gets anything: the pod leaves its Service
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.components.mqtt.status").value("DOWN"));
		send(Changes.created(owner, 2, newId("n"), 2));
		send(Changes.created(owner, 3, newId("n"), 3));

		await().untilAsserted(() -> assertThat(brokerErrors()).isPositive());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> uncommitted() == 2);

		hiveMq.start();
		try (TestDevice device = TestDevice.subscribe(hiveMq, notificationTopic(player))) {
			awaitMqttHealth("UP");
			this.mvc.perform(get("/actuator/health/readiness"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.components.db.status").value("UP"));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(uncommitted()).isZero());
			assertThat(waiting(player)).isEqualTo(2);

			this.clock.advance(Duration.ofSeconds(61));

			await().untilAsserted(() -> assertThat(device.messages("/notification")).isNotEmpty());
			JsonNode summary = device.messages("/notification").get(0);
			assertThat(summary.get("count").asInt()).isEqualTo(2);
			assertThat(summary.get("unreadCount").asInt()).isEqualTo(3);
			Set<String> seen = idsOf(before, device.messages("/notification"));
			assertThat(seen).containsExactlyInAnyOrder(first, summary.get("id").asString());
		}
	}

	private void awaitMqttHealth(String status) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.mvc.perform(get("/actuator/health"))
				.andExpect(jsonPath("$.components.mqtt.status").value(status)));
	}

	private double brokerErrors() {
		return this.meters.get("herald.device.broker.errors").counter().count();
	}

	/**
	 * Records of notifications.v1 this service's consumer group has not committed yet.
	 */
	private long uncommitted() {
		return kafka.lag(this.groupId, Topics.NOTIFICATIONS.name());
	}

	private static Set<String> idsOf(List<JsonNode> before, List<JsonNode> after) {
		return java.util.stream.Stream.concat(before.stream(), after.stream())
			.map((message) -> message.get("id").asString())
			.collect(Collectors.toSet());
	}

}
