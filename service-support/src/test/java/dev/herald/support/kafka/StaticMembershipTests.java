package dev.herald.support.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link StaticMembership} on a real broker: every listener joins with its own
 * {@code group.instance.id}, and an instance killed with {@code kill -9} (a child JVM
 * here) and started again takes its partitions back at once, long before the dead
 * member's session would time out.
 */
class StaticMembershipTests {

	static final String TOPIC = "herald.test.static";

	/**
	 * A group per test: a static member that stopped stays in its group until its session
	 * ends.
	 */
	private final String group = "static-test-" + java.util.UUID.randomUUID();

	static final EmbeddedKafkaKraftBroker broker = start();

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void eachListenerJoinsAsAStaticMemberNamedAfterTheInstanceAndTheListener() throws Exception {
		try (ConfigurableApplicationContext context = member(this.group, "store-7")) {
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(members()).extracting((m) -> m.groupInstanceId().orElse(null))
					.containsExactly("store-7-static-events-0"));
		}
	}

	@Test
	void withoutAnInstanceIdMembershipStaysDynamic() throws Exception {
		try (ConfigurableApplicationContext context = member(this.group, "")) {
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(members()).singleElement()
					.satisfies((m) -> assertThat(m.groupInstanceId()).isEmpty()));
		}
	}

	@Test
	void aKilledInstanceThatStartsAgainTakesItsPartitionsBackAtOnce() throws Exception {
		Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), StaticMember.class.getName(), broker.getBrokersAsString(),
				this.group, "store-9")
			.inheritIO()
			.start();
		try {
			await().atMost(Duration.ofMinutes(1))
				.ignoreExceptions()
				.until(() -> members().stream().anyMatch((m) -> m.assignment().topicPartitions().size() == 3));
		}
		finally {
			killed.destroyForcibly().waitFor();
		}
		StaticMember.partitionsRead.clear();
		long restarted = System.nanoTime();
		try (ConfigurableApplicationContext context = member(this.group, "store-9")) {
			send();
			await().atMost(StaticMember.SESSION_TIMEOUT.dividedBy(3))
				.until(() -> StaticMember.partitionsRead.size() == 3);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - restarted))
			.isLessThan(StaticMember.SESSION_TIMEOUT.dividedBy(3));
	}

	@Test
	void aContainerWithoutAListenerIdCannotBeAStaticMember() {
		assertThatIllegalStateException().isThrownBy(() -> StaticMembership.groupInstanceId("store-1", null))
			.withMessageContaining("herald.kafka.instance-id");
	}

	private List<MemberDescription> members() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
			ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(this.group))
				.all()
				.get()
				.get(this.group);
			return new ArrayList<>(group.members());
		}
	}

	private static void send() {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int partition = 0; partition < 3; partition++) {
				producer.send(new ProducerRecord<>(TOPIC, partition, "u".getBytes(StandardCharsets.UTF_8),
						Topics.SOCIAL_EVENTS.valueSerde().serializer().serialize("", event("e" + partition))));
			}
		}
	}

	private static SocialEvent event(String id) {
		return SocialEvent.newBuilder()
			.setEventId(id)
			.setKind(EventKind.FOLLOW)
			.setOccurredAt(java.time.Instant.now())
			.setRecipientId("u")
			.build();
	}

	private static ConfigurableApplicationContext member(String group, String instanceId) {
		return StaticMember.start(broker.getBrokersAsString(), group, instanceId);
	}

	private static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
		kafka.afterPropertiesSet();
		return kafka;
	}

}
