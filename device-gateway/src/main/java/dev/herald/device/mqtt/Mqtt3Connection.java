package dev.herald.device.mqtt;

import java.util.concurrent.CompletableFuture;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;

/**
 * An MQTT 3.1.1 session for brokers without version 5: clean session off, so the broker
 * keeps it while the gateway is away.
 */
final class Mqtt3Connection implements BrokerConnection {

	private final Mqtt3AsyncClient client;

	private final MqttProperties properties;

	Mqtt3Connection(MqttClientBuilder builder, MqttProperties properties) {
		Mqtt3ClientBuilder v3 = builder.useMqttVersion3();
		if (properties.hasCredentials()) {
			v3 = v3.simpleAuth().username(properties.username()).password(properties.passwordBytes()).applySimpleAuth();
		}
		this.client = v3.buildAsync();
		this.properties = properties;
	}

	@Override
	public CompletableFuture<Void> connect() {
		return this.client.connectWith()
			.cleanSession(false)
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
			.thenAccept((published) -> {
			});
	}

	@Override
	public boolean isConnected() {
		return this.client.getState().isConnected();
	}

	@Override
	public String protocolVersion() {
		return "3.1.1";
	}

	@Override
	public void close() {
		if (this.client.getState().isConnectedOrReconnect()) {
			this.client.disconnect();
		}
	}

}
