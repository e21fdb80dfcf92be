package dev.herald.device;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.herald.testinfra.MqttBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A player (or an eavesdropper) in a test: an MQTT 5 client that subscribes to topic
 * filters and keeps everything it receives.
 */
public final class TestDevice implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Mqtt5AsyncClient client;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private TestDevice(Mqtt5AsyncClient client) {
		this.client = client;
	}

	public static TestDevice subscribe(MqttBroker broker, String... topicFilters) {
		Mqtt5AsyncClient client = MqttClient.builder()
			.useMqttVersion5()
			.identifier("test-device-" + UUID.randomUUID())
			.serverHost(broker.host())
			.serverPort(broker.port())
			.buildAsync();
		client.connect().join();
		TestDevice device = new TestDevice(client);
		for (String filter : topicFilters) {
			client.subscribeWith()
				.topicFilter(filter)
				.qos(MqttQos.AT_LEAST_ONCE)
				.callback((publish) -> device.received.add(new Received(publish.getTopic().toString(),
						new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8), publish.isRetain())))
				.send()
				.join();
		}
		return device;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The JSON messages received on topics ending in {@code suffix}, in order. */
	public List<JsonNode> messages(String suffix) {
		return this.received.stream()
			.filter((message) -> message.topic().endsWith(suffix))
			.map((message) -> JSON.readTree(message.payload()))
			.toList();
	}

	/** Distinct message ids, as a player that dedupes by id sees them. */
	public List<String> distinctIds(String suffix) {
		return messages(suffix).stream().map((message) -> message.get("id").asString()).distinct().toList();
	}

	@Override
	public void close() {
		if (this.client.getState().isConnected()) {
			this.client.disconnect().join();
		}
	}

	/** One received publish. */
	public record Received(String topic, String payload, boolean retained) {

	}

}
