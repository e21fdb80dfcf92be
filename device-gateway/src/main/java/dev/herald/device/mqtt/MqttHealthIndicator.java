package dev.herald.device.mqtt;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code mqtt} in {@code /actuator/health}: up while the broker connection is open.
 */
@Component("mqtt")
class MqttHealthIndicator implements HealthIndicator {

	private final BrokerConnection connection;

	private final MqttProperties properties;

	MqttHealthIndicator(BrokerConnection connection, MqttProperties properties) {
		this.connection = connection;
		this.properties = properties;
	}

	@Override
	public Health health() {
		Health.Builder health = this.connection.isConnected() ? Health.up() : Health.down();
		return health.withDetail("broker", this.properties.uri().toString())
			.withDetail("protocol", this.connection.protocolVersion())
			.build();
	}

}
