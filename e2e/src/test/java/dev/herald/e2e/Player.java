package dev.herald.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import tools.jackson.databind.JsonNode;

/** An IoT player subscribed to its own topics on the dev stack's MQTT broker. */
final class Player implements AutoCloseable {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Mqtt5AsyncClient client;

	private final String key;

	private Player(String key) {
		this.key = key;
		var mqtt = Herald.stack().infrastructure().mqtt();
		this.client = MqttClient.builder()
			.useMqttVersion5()
			.identifier("player-" + key + "-" + UUID.randomUUID())
			.serverHost(mqtt.host())
			.serverPort(mqtt.port())
			.buildAsync();
		this.client.connect()
			.thenCompose((ack) -> this.client.subscribeWith()
				.topicFilter("makapix/player/" + key + "/#")
				.qos(MqttQos.AT_LEAST_ONCE)
				.callback((publish) -> this.received.add(new Received(publish.getTopic().toString(),
						new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8))))
				.send())
			.join();
	}

	static Player subscribe(String key) {
		return new Player(key);
	}

	List<JsonNode> notifications() {
		return this.received.stream()
			.filter((message) -> message.topic().endsWith("/notification"))
			.map((message) -> Api.json.readTree(message.payload()))
			.toList();
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
		this.client.disconnect().join();
	}

	record Received(String topic, String payload) {
	}

}
