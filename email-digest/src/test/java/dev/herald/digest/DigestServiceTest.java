package dev.herald.digest;

import java.util.UUID;

import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.SmtpServer;
import dev.herald.testinfra.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole service on real Kafka, PostgreSQL and SMTP
 * (GreenMail), with time driven by a {@link MutableClock}. The servers live for the JVM,
 * so every subclass shares one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "herald.digest.scheduler.interval=100ms", "herald.digest.scheduler.immediate-delay=2m",
				"herald.digest.scheduler.stale-after=10m", "resilience4j.retry.instances.smtp.wait-duration=200ms",
				"resilience4j.retry.instances.smtp.exponential-max-wait-duration=1s",
				"resilience4j.retry.instances.smtp.max-attempts=40", "spring.datasource.hikari.connection-timeout=5000",
				"herald.kafka.instance-id=" + DigestServiceTest.INSTANCE_ID })
@Import(DigestTestConfiguration.class)
public abstract class DigestServiceTest {

	/** The instance name the service runs under (herald.kafka.instance-id). */
	static final String INSTANCE_ID = "email-digest-test";

	static final String UNSUBSCRIBE_SECRET = "herald-dev-unsubscribe-secret-0123456789abcdef";

	static final KafkaBroker kafka = KafkaBroker.shared();

	static final TestDatabase db = Servers.DATABASE;

	static final SmtpServer smtp = Servers.SMTP;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		kafka.registerProperties(registry);
		db.registerProperties(registry);
		smtp.registerProperties(registry);
		registry.add("spring.kafka.consumer.group-id", () -> Servers.GROUP_ID);
	}

	/** One database, SMTP server and consumer group per JVM, closed when it exits. */
	private static final class Servers {

		static final TestDatabase DATABASE = TestDatabase.create();

		static final SmtpServer SMTP = SmtpServer.start();

		static final String GROUP_ID = "herald-digest-test-" + UUID.randomUUID();

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				SMTP.close();
				DATABASE.close();
			}, "digest-test-servers"));
		}

	}

}
