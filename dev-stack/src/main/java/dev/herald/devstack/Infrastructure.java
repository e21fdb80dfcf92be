package dev.herald.devstack;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

	/**
	 * Starts the four servers side by side; if one fails, the others are closed again.
	 */
	public static Infrastructure start() {
		try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<TestDatabase> database = starter.submit(TestDatabase::create);
			Future<KafkaBroker> kafka = starter.submit(() -> KafkaBroker.start(PARTITIONS));
			Future<MqttBroker> mqtt = starter
				.submit(() -> MqttBroker.startEmbedded(preferred(MqttBroker.DEFAULT_PORT)));
			Future<SmtpServer> smtp = starter.submit(() -> SmtpServer.start(preferred(SMTP_PORT)));
			try {
				Infrastructure infrastructure = new Infrastructure(kafka.get(), database.get(), mqtt.get(), smtp.get());
				log.info("Infrastructure up: Kafka {}, PostgreSQL {} ({}), MQTT {}, SMTP {}:{}",
						infrastructure.kafka().bootstrapServers(), infrastructure.database().url(),
						infrastructure.database().source(), infrastructure.mqtt().uri(), infrastructure.smtp().host(),
						infrastructure.smtp().port());
				return infrastructure;
			}
			catch (ExecutionException | InterruptedException ex) {
				List.of(smtp, mqtt, kafka, database).forEach(Infrastructure::closeIfStarted);
				throw new IllegalStateException("Infrastructure did not start: " + ex.getMessage(), ex);
			}
		}
	}

	private static void closeIfStarted(Future<? extends AutoCloseable> server) {
		if (server.state() == Future.State.SUCCESS) {
			try {
				server.resultNow().close();
			}
			catch (Exception ex) {
				log.warn("Could not close {}", server.resultNow(), ex);
			}
		}
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
