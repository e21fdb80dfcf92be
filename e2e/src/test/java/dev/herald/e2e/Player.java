package dev.herald.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import dev.herald.devstack.HeraldServices;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IoT player subscribed to its own topics on the dev stack's MQTT broker. Like real
 * firmware it keeps a persistent session (so the broker queues what is published while it
 * is away, restarts included), reconnects when the broker goes away and subscribes again.
 */
final class Player implements AutoCloseable {

	private static final long SESSION_EXPIRY_SECONDS = 3600;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Mqtt5AsyncClient client;

	private final String key;

	private volatile boolean reconnecting;

	private Player(String key) {
		this.key = key;
		var mqtt = Herald.stack().infrastructure().mqtt();
		this.client = MqttClient.builder()
			.useMqttVersion5()
			.identifier("player-" + key + "-" + UUID.randomUUID())
			.serverHost(mqtt.host())
			.serverPort(mqtt.port())
			.automaticReconnect()
			.initialDelay(100, TimeUnit.MILLISECONDS)
			.maxDelay(1, TimeUnit.SECONDS)
			.applyAutomaticReconnect()
			.addConnectedListener((context) -> {
				if (this.reconnecting) {
					subscribe();
				}
			})
			.buildAsync();
		this.client.connectWith()
			.cleanStart(false)
			.sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
			.send()
			.thenCompose((ack) -> subscribe())
			.join();
		this.reconnecting = true;
	}

	static Player subscribe(String key) {
		return new Player(key);
	}

	/**
	 * Registers a player for {@code owner} that takes every notification at once.
	 * @return its key
	 */
	static String register(String owner) {
		String key = "p" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = new Api(HeraldServices.DEVICE_PORT, Herald.tokens.user(owner)).put("/v1/devices/" + key,
				Map.of("name", "desk", "enabled", true, "minIntervalSeconds", 0));
		assertThat(created.status()).as(created.body()).isIn(200, 201);
		return key;
	}

	private CompletableFuture<Mqtt5SubAck> subscribe() {
		return this.client.subscribeWith()
			.topicFilter("makapix/player/" + this.key + "/#")
			.qos(MqttQos.AT_LEAST_ONCE)
			.callback((publish) -> this.received.add(new Received(Instant.now(), publish.getTopic().toString(),
					new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8))))
			.send();
	}

	/** Notification and summary messages, as they arrived. */
	List<JsonNode> notifications() {
		return this.received.stream()
			.filter((message) -> message.topic().endsWith("/notification"))
			.map((message) -> Api.json.readTree(message.payload()))
			.toList();
	}

	/** How many notification or summary messages arrived. */
	int notificationCount() {
		return (int) this.received.stream().filter((message) -> message.topic().endsWith("/notification")).count();
	}

	/** Notification or summary messages that arrived again with an id already seen. */
	int duplicates() {
		List<JsonNode> notifications = notifications();
		return notifications.size()
				- (int) notifications.stream().map((message) -> message.path("id").asString()).distinct().count();
	}

	/** The last unread count published, or -1. */
	int lastUnread() {
		return this.received.stream()
			.filter((message) -> message.topic().equals("makapix/player/" + this.key + "/unread")
					&& !message.payload().isEmpty())
			.reduce((first, second) -> second)
			.map((message) -> Api.json.readTree(message.payload()).path("unreadCount").asInt())
			.orElse(-1);
	}

	@Override
	public void close() {
		this.client.disconnectWith().sessionExpiryInterval(0).send().join();
	}

	record Received(Instant at, String topic, String payload) {
	}

}
