package dev.herald.testinfra;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class MqttBrokerTests {

	@Test
	void deliversPublishedMessageToSubscriber() throws InterruptedException {
		try (MqttBroker broker = MqttBroker.startEmbedded()) {
			assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
			assertRoundTrip(broker);
		}
	}

	@Test
	void refusesClientsWhileStoppedAndAcceptsThemAfterStart() throws InterruptedException {
		try (MqttBroker broker = MqttBroker.startEmbedded()) {
			int port = broker.port();
			broker.stop();

			assertThatThrownBy(() -> client(broker).connect()).isInstanceOf(RuntimeException.class);

			broker.start();

			assertThat(broker.port()).isEqualTo(port);
			assertRoundTrip(broker);
		}
	}

	@Test
	void keepsPersistentSessionsAcrossARestartSoOfflineClientsGetWhatWasPublished() throws InterruptedException {
		try (MqttBroker broker = MqttBroker.startEmbedded()) {
			String topic = "herald/test/" + UUID.randomUUID();
			Mqtt5BlockingClient player = client(broker);
			player.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
			player.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
			player.disconnect();

			broker.stop();
			broker.start();
			Mqtt5BlockingClient publisher = client(broker);
			publisher.connect();
			publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("queued")).send();
			publisher.disconnect();

			try (Mqtt5BlockingClient.Mqtt5Publishes publishes = player.publishes(MqttGlobalPublishFilter.ALL)) {
				assertThat(player.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent())
					.isTrue();
				assertThat(publishes.receive(10, TimeUnit.SECONDS)).hasValueSatisfying(
						(publish) -> assertThat(publish.getPayloadAsBytes()).isEqualTo(bytes("queued")));
			}
			finally {
				player.disconnect();
			}
		}
	}

	@Test
	void findsLocalMosquittoAndDeliversThroughIt() throws InterruptedException {
		assumeThat(FreePorts.isFree(MqttBroker.DEFAULT_PORT)).as("something listens on port 1883").isFalse();

		MqttBroker local = MqttBroker.localMosquitto().orElseThrow();

		assertThat(local.uri()).isEqualTo("tcp://127.0.0.1:1883");
		assertThat(local.isEmbedded()).isFalse();
		assertThatIllegalStateException().isThrownBy(local::stop).withMessageContaining("outside this JVM");
		assertRoundTrip(local);
	}

	@Test
	void findsEmbeddedBrokerOnStandardPort() {
		assumeThat(FreePorts.isFree(MqttBroker.DEFAULT_PORT)).as("port 1883 is free").isTrue();
		assertThat(MqttBroker.localMosquitto()).isEmpty();

		try (MqttBroker embedded = MqttBroker.startEmbedded(MqttBroker.DEFAULT_PORT)) {
			assertThat(MqttBroker.localMosquitto())
				.hasValueSatisfying((local) -> assertThat(local.port()).isEqualTo(1883));
		}
	}

	private static void assertRoundTrip(MqttBroker broker) throws InterruptedException {
		String topic = "herald/test/" + UUID.randomUUID();
		Mqtt5BlockingClient client = client(broker);
		client.connect();
		try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
			client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
			client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("hello")).send();

			Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
			assertThat(received)
				.hasValueSatisfying((publish) -> assertThat(publish.getPayloadAsBytes()).isEqualTo(bytes("hello")));
		}
		finally {
			client.disconnect();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Mqtt5BlockingClient client(MqttBroker broker) {
		return MqttClient.builder()
			.useMqttVersion5()
			.identifier("test-" + UUID.randomUUID())
			.serverHost(broker.host())
			.serverPort(broker.port())
			.buildBlocking();
	}

}
