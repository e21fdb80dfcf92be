package dev.herald.device.delivery;

import java.nio.charset.StandardCharsets;

import dev.herald.device.DeviceProperties;
import dev.herald.device.mqtt.MqttPublisher;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A player's two topics: messages on {@code {prefix}/player/{key}/notification} (QoS 1)
 * and the retained unread count on {@code {prefix}/player/{key}/unread}.
 */
@Component
class PlayerChannel {

	private static final byte[] CLEAR_RETAINED = new byte[0];

	private final MqttPublisher publisher;

	private final DeviceProperties properties;

	private final JsonMapper json;

	private final DeliveryMetrics metrics;

	PlayerChannel(MqttPublisher publisher, DeviceProperties properties, JsonMapper json, DeliveryMetrics metrics) {
		this.publisher = publisher;
		this.properties = properties;
		this.json = json;
		this.metrics = metrics;
	}

	void send(String playerKey, DeviceMessage message) {
		this.publisher.publish(this.properties.notificationTopic(playerKey), this.json.writeValueAsBytes(message),
				false);
		this.metrics.published(message.type());
	}

	void sendUnread(String playerKey, int unreadCount) {
		this.publisher.publish(this.properties.unreadTopic(playerKey), unreadPayload(unreadCount), true);
		this.metrics.published("unread");
	}

	/** Best effort, outside the Kafka flow: a newly registered player gets its count. */
	void trySendUnread(String playerKey, int unreadCount) {
		this.publisher.tryPublish(this.properties.unreadTopic(playerKey), unreadPayload(unreadCount), true);
	}

	/** Best effort: a removed player's retained count is cleared. */
	void tryClearUnread(String playerKey) {
		this.publisher.tryPublish(this.properties.unreadTopic(playerKey), CLEAR_RETAINED, true);
	}

	String toJson(DeviceMessage message) {
		return this.json.writeValueAsString(message);
	}

	DeviceMessage fromJson(String message) {
		return this.json.readValue(message, DeviceMessage.class);
	}

	private static byte[] unreadPayload(int unreadCount) {
		return ("{\"unreadCount\":" + unreadCount + "}").getBytes(StandardCharsets.UTF_8);
	}

}
