package dev.herald.devstack.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * Subscribes to every player topic on the dev broker and keeps the last messages, so the
 * demo page can show what each player received.
 */
final class MqttWatcher implements AutoCloseable {

	private static final int KEPT = 200;

	private final Deque<Received> received = new ArrayDeque<>();

	private final Mqtt5AsyncClient client;

	MqttWatcher(DemoSettings settings) {
		this.client = MqttClient.builder()
			.useMqttVersion5()
			.identifier("herald-demo-" + UUID.randomUUID())
			.serverHost(settings.mqttHost())
			.serverPort(settings.mqttPort())
			.automaticReconnectWithDefaultConfig()
			.buildAsync();
		this.client.connect()
			.thenCompose((ack) -> this.client.subscribeWith()
				.topicFilter(settings.topicPrefix() + "/player/#")
				.qos(MqttQos.AT_LEAST_ONCE)
				.callback(this::keep)
				.send())
			.join();
	}

	private synchronized void keep(Mqtt5Publish publish) {
		String payload = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
		this.received.addFirst(new Received(publish.getTopic().toString(), payload, publish.isRetain(), Instant.now()));
		while (this.received.size() > KEPT) {
			this.received.removeLast();
		}
	}

	/** Newest first; only the topics of {@code players} when any are given. */
	synchronized List<Received> received(Collection<String> players) {
		return this.received.stream()
			.filter((message) -> players == null || players.isEmpty()
					|| players.stream().anyMatch((player) -> message.topic().contains("/player/" + player + "/")))
			.toList();
	}

	@Override
	public void close() {
		this.client.disconnect().join();
	}

	record Received(String topic, String payload, boolean retained, Instant at) {
	}

}
