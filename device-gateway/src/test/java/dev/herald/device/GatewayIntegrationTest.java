package dev.herald.device;

import java.util.UUID;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.topic.Topics;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole service on a real Kafka broker, a real PostgreSQL database and a real MQTT
 * broker, with a clock the test moves. Each subclass brings its own database and broker
 * and registers them with {@link #register}; its context is closed after it, while the
 * shared Kafka broker still runs.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(MutableClock.Config.class)
@DirtiesContext
public abstract class GatewayIntegrationTest {

	protected static final KafkaBroker kafka = KafkaBroker.shared();

	protected static final DevTokens tokens = new DevTokens("herald-dev-secret-change-me-0123456789abcdef",
			"herald-dev", "herald");

	protected final MockMvc mvc;

	protected final MutableClock clock;

	protected final JdbcClient jdbc;

	protected final DeviceProperties properties;

	protected GatewayIntegrationTest(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties) {
		this.mvc = mvc;
		this.clock = clock;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** Properties for one test class: its database, broker, consumer group and topics. */
	protected static void register(DynamicPropertyRegistry registry, TestDatabase db, String mqttUri) {
		kafka.registerProperties(registry);
		db.registerProperties(registry);
		String run = UUID.randomUUID().toString().substring(0, 8);
		registry.add("spring.kafka.consumer.group-id", () -> "herald-device-test-" + run);
		registry.add("herald.device.mqtt.uri", () -> mqttUri);
		registry.add("herald.device.mqtt.client-id", () -> "herald-device-test-" + run);
		registry.add("herald.device.topic-prefix", () -> "herald-test-" + run);
		registry.add("herald.device.pacing-tick", () -> "100ms");
		registry.add("herald.kafka.dead-letter.outage-max-interval", () -> "1s");
		registry.add("resilience4j.retry.instances.mqtt.wait-duration", () -> "100ms");
		registry.add("resilience4j.circuitbreaker.instances.mqtt.wait-duration-in-open-state", () -> "1s");
	}

	protected static String newId(String kind) {
		return kind + "-" + UUID.randomUUID();
	}

	protected void registerPlayer(String userId, String playerKey, String body) throws Exception {
		this.mvc
			.perform(put("/v1/devices/{key}", playerKey).header("Authorization", "Bearer " + tokens.user(userId))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated());
	}

	protected void send(NotificationChange change) {
		kafka.send(Topics.NOTIFICATIONS, change.getUserId(), change);
	}

	protected int waiting(String playerKey) {
		return this.jdbc.sql("SELECT count(*) FROM device.pending_message WHERE player_key = ?")
			.param(playerKey)
			.query(Integer.class)
			.single();
	}

	protected String notificationTopic(String playerKey) {
		return this.properties.notificationTopic(playerKey);
	}

	protected String unreadTopic(String playerKey) {
		return this.properties.unreadTopic(playerKey);
	}

}
