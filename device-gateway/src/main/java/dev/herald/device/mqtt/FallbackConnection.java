package dev.herald.device.mqtt;

import java.util.concurrent.CompletableFuture;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.MqttDecodeException;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks MQTT 5 and switches to 3.1.1 for good when the broker refuses version 5 before
 * the first successful connect (it answers "unsupported protocol version", or an old
 * broker closes the connection or answers in the 3.1.1 format).
 */
final class FallbackConnection implements BrokerConnection {

	private static final Logger log = LoggerFactory.getLogger(FallbackConnection.class);

	private final MqttProperties properties;

	private final MqttClientSslConfig ssl;

	private volatile BrokerConnection current;

	private volatile boolean connectedOnce;

	FallbackConnection(MqttProperties properties, MqttClientSslConfig ssl) {
		this.properties = properties;
		this.ssl = ssl;
		this.current = new Mqtt5Connection(BrokerConnections.builder(properties, ssl)
			.addConnectedListener((context) -> this.connectedOnce = true)
			.addDisconnectedListener(this::onDisconnected), properties);
	}

	@Override
	public CompletableFuture<Void> connect() {
		return this.current.connect();
	}

	@Override
	public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
		return this.current.publish(topic, payload, retain);
	}

	@Override
	public boolean isConnected() {
		return this.current.isConnected();
	}

	@Override
	public String protocolVersion() {
		return this.current.protocolVersion();
	}

	@Override
	public void close() {
		this.current.close();
	}

	private void onDisconnected(MqttClientDisconnectedContext context) {
		if (!this.connectedOnce && refusesVersion5(context.getCause())) {
			log.warn("The MQTT broker at {} refuses MQTT 5 ({}); using MQTT 3.1.1", this.properties.uri(),
					context.getCause().toString());
			context.getReconnector().reconnect(false);
			BrokerConnection v3 = new Mqtt3Connection(BrokerConnections.builder(this.properties, this.ssl),
					this.properties);
			this.current = v3;
			v3.connect().whenComplete((connected, ex) -> log.debug("MQTT 3.1.1 connect finished", ex));
		}
	}

	static boolean refusesVersion5(Throwable cause) {
		if (cause instanceof Mqtt5ConnAckException connAck) {
			return connAck.getMqttMessage().getReasonCode() == Mqtt5ConnAckReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
		}
		return cause instanceof MqttDecodeException || cause instanceof ConnectionClosedException;
	}

}
