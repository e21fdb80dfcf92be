package dev.herald.devstack;

import dev.herald.testinfra.FreePorts;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.MqttBroker;
import dev.herald.testinfra.SmtpServer;
import dev.herald.testinfra.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers Herald needs, on embedded defaults: a KRaft Kafka broker, a fresh
 * PostgreSQL database (dropped on close), HiveMQ CE and GreenMail. Closed in reverse
 * order.
 *
 * @param kafka the Kafka broker
 * @param database the PostgreSQL database
 * @param mqtt the MQTT broker
 * @param smtp the SMTP server
 */
public record Infrastructure(KafkaBroker kafka, TestDatabase database, MqttBroker mqtt,
		SmtpServer smtp) implements AutoCloseable {

	/** Partitions per topic, as in the design. */
	public static final int PARTITIONS = 12;

	/** Preferred SMTP port of the dev stack. */
	public static final int SMTP_PORT = 2525;

	private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

	public static Infrastructure start() {
		TestDatabase database = TestDatabase.create();
		KafkaBroker kafka = KafkaBroker.start(PARTITIONS);
		MqttBroker mqtt = MqttBroker.startEmbedded(preferred(MqttBroker.DEFAULT_PORT));
		SmtpServer smtp = SmtpServer.start(preferred(SMTP_PORT));
		log.info("Infrastructure up: Kafka {}, PostgreSQL {} ({}), MQTT {}, SMTP {}:{}", kafka.bootstrapServers(),
				database.url(), database.source(), mqtt.uri(), smtp.host(), smtp.port());
		return new Infrastructure(kafka, database, mqtt, smtp);
	}

	/** The port if it is free, else another free one. */
	static int preferred(int port) {
		return FreePorts.isFree(port) ? port : FreePorts.find();
	}

	@Override
	public void close() {
		this.smtp.close();
		this.mqtt.close();
		this.kafka.close();
		this.database.close();
	}

}
