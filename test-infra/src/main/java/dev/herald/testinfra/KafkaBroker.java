package dev.herald.testinfra;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.herald.schema.topic.Topic;
import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import kafka.server.BrokerServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An embedded single-node KRaft Kafka broker holding every topic of the Herald catalogue
 * and its dead-letter topic.
 */
public final class KafkaBroker implements AutoCloseable {

	/** Partitions per topic when none are given. */
	public static final int DEFAULT_PARTITIONS = 4;

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private final EmbeddedKafkaKraftBroker broker;

	private Producer<byte[], byte[]> producer;

	private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	/**
	 * Starts a broker with {@value #DEFAULT_PARTITIONS} partitions per catalogue topic.
	 * @return the running broker
	 */
	public static KafkaBroker start() {
		return start(DEFAULT_PARTITIONS);
	}

	/**
	 * Starts a broker and creates every catalogue topic and dead-letter topic.
	 * @param partitions partitions per topic
	 * @return the running broker
	 */
	public static KafkaBroker start(int partitions) {
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, partitions);
		// Consumers of a fresh group join at once instead of waiting 3 s for more
		// members.
		embedded.brokerProperty("group.initial.rebalance.delay.ms", "0");
		embedded.afterPropertiesSet();
		KafkaBroker kafka = new KafkaBroker(embedded);
		kafka.createTopics(catalogueWithDeadLetters(), partitions);
		log.info("Kafka broker started at {} with {} partitions per topic", kafka.bootstrapServers(), partitions);
		return kafka;
	}

	/**
	 * One broker per JVM, started on first use and closed when the JVM exits.
	 * @return the shared broker
	 */
	public static KafkaBroker shared() {
		return SharedBroker.INSTANCE;
	}

	/**
	 * Every catalogue topic followed by its dead-letter topic.
	 * @return the topics
	 */
	public static List<Topic<?, ?>> catalogueWithDeadLetters() {
		return Topics.ALL.stream().<Topic<?, ?>>flatMap((topic) -> Stream.of(topic, topic.deadLetter())).toList();
	}

	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	/**
	 * Sets {@code spring.kafka.bootstrap-servers} to this broker.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
	}

	/**
	 * Creates the topics that do not exist yet; compacted topics get
	 * {@code cleanup.policy=compact}.
	 * @param topics the topics
	 * @param partitions partitions per topic
	 */
	public void createTopics(Collection<? extends Topic<?, ?>> topics, int partitions) {
		List<NewTopic> newTopics = topics.stream().map((topic) -> newTopic(topic, partitions)).toList();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(newTopics).values().forEach((name, result) -> awaitCreated(name, result));
		}
	}

	/**
	 * Starts collecting every record of a topic from its earliest offset.
	 * @param topic the topic
	 * @return the running collector; close it when done
	 */
	public <K, V> RecordCollector<K, V> collect(Topic<K, V> topic) {
		return RecordCollector.start(bootstrapServers(), topic);
	}

	/**
	 * Sends one record with the topic's serdes and waits until all replicas have it.
	 * @param topic the topic
	 * @param key the key
	 * @param value the value, or {@code null} for a tombstone
	 */
	public <K, V> void send(Topic<K, V> topic, K key, V value) {
		byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
		byte[] valueBytes = (value != null) ? topic.valueSerde().serializer().serialize(topic.name(), value) : null;
		sendRaw(topic.name(), keyBytes, valueBytes);
	}

	/**
	 * Sends raw bytes, for instance a poison record that no deserializer accepts.
	 * @param topic the topic name
	 * @param key the key bytes
	 * @param value the value bytes
	 */
	public void sendRaw(String topic, byte[] key, byte[] value) {
		try {
			producer().send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending to " + topic, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not send to " + topic, ex.getCause());
		}
	}

	/**
	 * The sum of a consumer group's committed offsets on a topic's partitions (0 for a
	 * partition without one): it grows whenever the group commits progress.
	 * @param groupId the consumer group
	 * @param topic the topic name
	 * @return the committed offsets, summed
	 */
	public long committed(String groupId, String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			return admin.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata()
				.get()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
				.mapToLong((entry) -> entry.getValue().offset())
				.sum();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the offsets of " + groupId, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not read the offsets of " + groupId + " on " + topic, ex.getCause());
		}
	}

	/**
	 * How many records of a topic a consumer group has not committed yet, over all
	 * partitions (a partition without a committed offset counts from 0).
	 * @param groupId the consumer group
	 * @param topic the topic name
	 * @return the group's lag
	 */
	public long lag(String groupId, String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.collect(Collectors.toMap((info) -> new TopicPartition(topic, info.partition()),
						(info) -> OffsetSpec.latest()));
			return admin.listOffsets(latest).all().get().entrySet().stream().mapToLong((end) -> {
				OffsetAndMetadata offset = committed.get(end.getKey());
				return end.getValue().offset() - ((offset != null) ? offset.offset() : 0);
			}).sum();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the lag of " + groupId, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not read the lag of " + groupId + " on " + topic, ex.getCause());
		}
	}

	/**
	 * Stops the broker as a crash of its process would look to clients: connections drop,
	 * nothing is served until {@link #startAgain()}. Its log directories and the KRaft
	 * controller stay, so topics, records and committed offsets survive.
	 */
	public synchronized void stop() {
		BrokerServer server = brokerServer();
		server.shutdown();
		server.awaitShutdown();
		log.info("Kafka broker at {} stopped", bootstrapServers());
	}

	/**
	 * Starts the broker stopped by {@link #stop()} again, on the same port with the same
	 * logs, and waits until it serves requests.
	 */
	public synchronized void startAgain() {
		brokerServer().startup();
		try {
			this.broker.getCluster().waitForReadyBrokers();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the Kafka broker restarted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The Kafka broker did not get ready again", ex.getCause());
		}
		log.info("Kafka broker at {} started again", bootstrapServers());
	}

	private BrokerServer brokerServer() {
		return this.broker.getCluster().brokers().values().iterator().next();
	}

	@Override
	public synchronized void close() {
		if (this.producer != null) {
			this.producer.close();
			this.producer = null;
		}
		this.broker.destroy();
		log.info("Kafka broker stopped");
	}

	private synchronized Producer<byte[], byte[]> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
		}
		return this.producer;
	}

	private Map<String, Object> producerConfig() {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0);
	}

	private static NewTopic newTopic(Topic<?, ?> topic, int partitions) {
		NewTopic newTopic = new NewTopic(topic.name(), partitions, (short) 1);
		if (topic.compacted()) {
			newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		}
		return newTopic;
	}

	private static void awaitCreated(String name, KafkaFuture<Void> result) {
		try {
			result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topic " + name, ex);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create topic " + name, ex.getCause());
			}
		}
	}

	/** Lazy holder: the shared broker starts when first asked for. */
	private static final class SharedBroker {

		static final KafkaBroker INSTANCE = startShared();

		private static KafkaBroker startShared() {
			KafkaBroker kafka = start();
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "herald-kafka-shutdown"));
			return kafka;
		}

	}

}
