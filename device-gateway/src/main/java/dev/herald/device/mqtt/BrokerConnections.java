package dev.herald.device.mqtt;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the broker client from {@link MqttProperties}: identifier, address, TLS,
 * automatic reconnect with back-off, and the protocol version.
 */
final class BrokerConnections {

	private static final Logger log = LoggerFactory.getLogger(BrokerConnections.class);

	private BrokerConnections() {
	}

	static BrokerConnection create(MqttProperties properties, MqttClientSslConfig ssl) {
		return switch (properties.protocol()) {
			case V5 -> new Mqtt5Connection(builder(properties, ssl), properties);
			case V3 -> new Mqtt3Connection(builder(properties, ssl), properties);
			case AUTO -> new FallbackConnection(properties, ssl);
		};
	}

	static MqttClientBuilder builder(MqttProperties properties, MqttClientSslConfig ssl) {
		MqttClientBuilder builder = MqttClient.builder()
			.identifier(clientId(properties))
			.serverHost(properties.uri().getHost())
			.serverPort(properties.port())
			.automaticReconnect()
			.initialDelay(500, TimeUnit.MILLISECONDS)
			.maxDelay(properties.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
			.applyAutomaticReconnect()
			.addConnectedListener((context) -> log.info("Connected to the MQTT broker at {}", properties.uri()))
			.addDisconnectedListener((context) -> log.warn("Disconnected from the MQTT broker at {}: {}",
					properties.uri(), String.valueOf(context.getCause().getMessage())));
		return (ssl != null) ? builder.sslConfig(ssl) : builder;
	}

	static String clientId(MqttProperties properties) {
		if (properties.clientId() != null && !properties.clientId().isBlank()) {
			return properties.clientId();
		}
		try {
			return "herald-device-" + InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Set herald.device.mqtt.client-id: the host name is unknown", ex);
		}
	}

}
