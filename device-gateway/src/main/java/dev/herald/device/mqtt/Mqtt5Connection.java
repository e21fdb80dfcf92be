package dev.herald.device.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/**
 * An MQTT 5 session that survives reconnects: clean start off, session expiry set.
 */
final class Mqtt5Connection implements BrokerConnection {

	private final Mqtt5AsyncClient client;

	private final MqttProperties properties;

	Mqtt5Connection(MqttClientBuilder builder, MqttProperties properties) {
		Mqtt5ClientBuilder v5 = builder.useMqttVersion5();
		if (properties.hasCredentials()) {
			v5 = v5.simpleAuth().username(properties.username()).password(properties.passwordBytes()).applySimpleAuth();
		}
		this.client = v5.buildAsync();
		this.properties = properties;
	}

	@Override
	public CompletableFuture<Void> connect() {
		return this.client.connectWith()
			.cleanStart(false)
			.sessionExpiryInterval(this.properties.sessionExpiry().toSeconds())
			.keepAlive((int) this.properties.keepAlive().toSeconds())
			.send()
			.thenAccept((connAck) -> {
			});
	}

	@Override
	public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
		return this.client.publishWith()
			.topic(topic)
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(retain)
			.payload(payload)
			.send()
			.thenAccept((result) -> result.getError().ifPresent((error) -> {
				throw new CompletionException(error);
			}));
	}

	@Override
	public boolean isConnected() {
		return this.client.getState().isConnected();
	}

	@Override
	public String protocolVersion() {
		return "5";
	}

	@Override
	public void close() {
		if (this.client.getState().isConnectedOrReconnect()) {
			this.client.disconnect();
		}
	}

}
