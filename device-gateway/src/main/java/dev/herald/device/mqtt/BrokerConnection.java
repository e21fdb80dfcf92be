package dev.herald.device.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * One client session with the broker, whatever the MQTT version.
 */
interface BrokerConnection extends AutoCloseable {

	/** Starts connecting; the client keeps reconnecting on its own after a failure. */
	CompletableFuture<Void> connect();

	/** Publishes with QoS 1; completes when the broker acknowledged (PUBACK). */
	CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain);

	boolean isConnected();

	/** {@code 5} or {@code 3.1.1}. */
	String protocolVersion();

	@Override
	void close();

}
