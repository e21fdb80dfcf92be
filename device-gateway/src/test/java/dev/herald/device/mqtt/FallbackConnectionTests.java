package dev.herald.device.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code protocol=auto} the gateway speaks MQTT 5 and switches to 3.1.1 when a
 * broker refuses version 5, keeping QoS 1 with acknowledgements.
 */
class FallbackConnectionTests {

	@Test
	void fallsBackToMqtt311WhenTheBrokerRefusesVersion5() throws Exception {
		try (Mqtt311OnlyBroker broker = new Mqtt311OnlyBroker();
				BrokerConnection connection = BrokerConnections.create(properties(broker.port()), null)) {
			connection.connect();

			await().atMost(Duration.ofSeconds(20)).until(connection::isConnected);
			assertThat(connection.protocolVersion()).isEqualTo("3.1.1");
			assertThat(broker.protocolLevels()).startsWith(5).endsWith(4);

			connection
				.publish("makapix/player/desk/unread", "{\"unreadCount\":1}".getBytes(StandardCharsets.UTF_8), true)
				.get(10, TimeUnit.SECONDS);

			assertThat(broker.publishedTopics()).containsExactly("makapix/player/desk/unread");
		}
	}

	private static MqttProperties properties(int port) {
		return new MqttProperties(URI.create("tcp://127.0.0.1:" + port), null, null, "fallback-test",
				MqttProperties.Protocol.AUTO, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(5),
				Duration.ofSeconds(2), null);
	}

}
