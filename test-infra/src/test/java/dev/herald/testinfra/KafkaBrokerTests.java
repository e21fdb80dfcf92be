package dev.herald.testinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void lagCountsWhatAGroupHasNotCommitted() throws Exception {
		KafkaBroker kafka = KafkaBroker.shared();
		String topic = Topics.SOCIAL_EVENTS.name();
		String group = "lag-" + UUID.randomUUID();
		kafka.send(Topics.SOCIAL_EVENTS, "u-lag", follow(UUID.randomUUID().toString()));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.forEach((info) -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
			Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get()
				.forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
			long total = ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum();

			assertThat(kafka.lag(group, topic)).isEqualTo(total).isPositive();

			admin.alterConsumerGroupOffsets(group, ends).all().get();
			assertThat(kafka.lag(group, topic)).isZero();
		}
		kafka.send(Topics.SOCIAL_EVENTS, "u-lag", follow(UUID.randomUUID().toString()));
		kafka.send(Topics.SOCIAL_EVENTS, "u-lag", follow(UUID.randomUUID().toString()));
		assertThat(kafka.lag(group, topic)).isEqualTo(2);
	}

	@Test
	void sentEventReachesCollector() {
		KafkaBroker kafka = KafkaBroker.shared();
		SocialEvent event = follow(UUID.randomUUID().toString());

		try (RecordCollector<String, SocialEvent> collector = kafka.collect(Topics.SOCIAL_EVENTS)) {
			kafka.send(Topics.SOCIAL_EVENTS, event.getRecipientId(), event);

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(collector.values()).contains(event));
			assertThat(collector.records()).filteredOn((record) -> record.key().equals(event.getRecipientId()))
				.singleElement()
				.satisfies((record) -> assertThat(record.value()).isEqualTo(event));
		}
	}

	@Test
	void poisonRecordDoesNotStopCollector() {
		KafkaBroker kafka = KafkaBroker.shared();
		String recipient = UUID.randomUUID().toString();
		SocialEvent event = follow(recipient);

		try (RecordCollector<String, SocialEvent> collector = kafka.collect(Topics.SOCIAL_EVENTS)) {
			kafka.sendRaw(Topics.SOCIAL_EVENTS.name(), bytes(recipient), bytes("not avro"));
			kafka.send(Topics.SOCIAL_EVENTS, recipient, event);

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(collector.values()).contains(event));
			assertThat(collector.undecodable()).anySatisfy((raw) -> assertThat(raw.key()).isEqualTo(bytes(recipient)));
		}
	}

	@Test
	void createsCatalogueAndDeadLetterTopicsWithPartitionsAndCompaction() throws Exception {
		try (KafkaBroker kafka = KafkaBroker.start(2);
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			List<Topic<?, ?>> expected = KafkaBroker.catalogueWithDeadLetters();
			List<String> names = expected.stream().map(Topic::name).toList();

			assertThat(expected).hasSize(Topics.ALL.size() * 2);
			assertThat(admin.listTopics().names().get()).containsAll(names);
			Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
			assertThat(descriptions.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(2));
			for (Topic<?, ?> topic : expected) {
				assertThat(cleanupPolicy(admin, topic.name())).as(topic.name())
					.isEqualTo(
							topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
			}
		}
	}

	@Test
	void aStoppedBrokerStartsAgainOnTheSamePortWithItsRecords() {
		try (KafkaBroker kafka = KafkaBroker.start(1)) {
			String address = kafka.bootstrapServers();
			SocialEvent before = follow("restart-" + UUID.randomUUID());
			SocialEvent after = follow(before.getRecipientId());
			kafka.send(Topics.SOCIAL_EVENTS, before.getRecipientId(), before);

			kafka.stop();
			assertThat(reachable(address)).isFalse();
			kafka.startAgain();
			kafka.send(Topics.SOCIAL_EVENTS, after.getRecipientId(), after);

			assertThat(kafka.bootstrapServers()).isEqualTo(address);
			try (RecordCollector<String, SocialEvent> collector = kafka.collect(Topics.SOCIAL_EVENTS)) {
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(collector.values()).containsExactly(before, after));
			}
		}
	}

	@Test
	void registersBootstrapServers() {
		Map<String, Object> properties = new HashMap<>();
		KafkaBroker.shared().registerProperties((name, value) -> properties.put(name, value.get()));

		assertThat(properties).containsEntry("spring.kafka.bootstrap-servers", KafkaBroker.shared().bootstrapServers());
	}

	private static String cleanupPolicy(Admin admin, String topic) throws ExecutionException, InterruptedException {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
		return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
	}

	private static boolean reachable(String address) {
		String[] hostAndPort = address.split(",")[0].split(":");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static SocialEvent follow(String recipient) {
		return SocialEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setKind(EventKind.FOLLOW)
			.setOccurredAt(Instant.parse("2026-01-02T03:04:05.678Z"))
			.setRecipientId(recipient)
			.build();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
