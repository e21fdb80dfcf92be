package dev.herald.device.delivery;

import dev.herald.device.DeviceProperties;
import dev.herald.device.MutableClock;
import dev.herald.testinfra.MqttBroker;
import dev.herald.testinfra.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The delivery contract against the machine's Mosquitto at 127.0.0.1:1883, spoken as MQTT
 * 3.1.1 (the version home-network brokers are most likely to offer). Skipped where no
 * broker listens there.
 */
class MosquittoDeliveryTests extends DeliveryContractTests {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	private static final MqttBroker mosquitto = MqttBroker.localMosquitto().orElse(null);

	MosquittoDeliveryTests(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties) {
		super(mvc, clock, jdbc, properties);
	}

	@BeforeAll
	static void requireMosquitto() {
		assumeThat(mosquitto).as("an MQTT broker at 127.0.0.1:1883").isNotNull();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		if (mosquitto != null) {
			register(registry, db, mosquitto.uri());
			registry.add("herald.device.mqtt.protocol", () -> "v3");
		}
	}

	@Override
	protected MqttBroker broker() {
		return mosquitto;
	}

}
