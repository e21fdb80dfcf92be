package dev.herald.testinfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.herald.schema.topic.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every record of one topic on a background consumer with its own group, from
 * the earliest offset. Records are read as bytes and decoded with the topic's serdes, so
 * a poison record is counted in {@link #undecodable()} instead of stopping the collector.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecordCollector<K, V> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RecordCollector.class);

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

	private final Topic<K, V> topic;

	private final Consumer<byte[], byte[]> consumer;

	private final List<ConsumerRecord<K, V>> records = new CopyOnWriteArrayList<>();

	private final List<ConsumerRecord<byte[], byte[]>> undecodable = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private volatile boolean running = true;

	private RecordCollector(Topic<K, V> topic, Consumer<byte[], byte[]> consumer) {
		this.topic = topic;
		this.consumer = consumer;
		this.poller = Thread.ofPlatform().daemon().name("collector-" + topic.name()).unstarted(this::pollLoop);
	}

	static <K, V> RecordCollector<K, V> start(String bootstrapServers, Topic<K, V> topic) {
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(topic.name()));
		RecordCollector<K, V> collector = new RecordCollector<>(topic, consumer);
		collector.poller.start();
		return collector;
	}

	/**
	 * The decoded records received so far, in arrival order.
	 * @return a snapshot copy
	 */
	public List<ConsumerRecord<K, V>> records() {
		return List.copyOf(this.records);
	}

	/**
	 * The decoded values received so far; tombstones (null values) are left out, see
	 * {@link #records()} for them.
	 * @return a snapshot copy
	 */
	public List<V> values() {
		return this.records.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList();
	}

	/**
	 * The records whose key or value the topic's serdes could not decode.
	 * @return a snapshot copy
	 */
	public List<ConsumerRecord<byte[], byte[]>> undecodable() {
		return List.copyOf(this.undecodable);
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.poller.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void pollLoop() {
		try (this.consumer) {
			while (this.running) {
				this.consumer.poll(POLL_TIMEOUT).forEach(this::accept);
			}
		}
		catch (WakeupException ex) {
			log.debug("Collector of {} woken up to close", this.topic.name());
		}
		catch (RuntimeException ex) {
			log.error("Collector of {} stopped", this.topic.name(), ex);
		}
	}

	private void accept(ConsumerRecord<byte[], byte[]> raw) {
		try {
			this.records.add(decode(raw));
		}
		catch (RuntimeException ex) {
			log.warn("Undecodable record at {}-{}@{}: {}", raw.topic(), raw.partition(), raw.offset(), ex.toString());
			this.undecodable.add(raw);
		}
	}

	private ConsumerRecord<K, V> decode(ConsumerRecord<byte[], byte[]> raw) {
		K key = this.topic.keySerde().deserializer().deserialize(raw.topic(), raw.headers(), raw.key());
		V value = (raw.value() != null)
				? this.topic.valueSerde().deserializer().deserialize(raw.topic(), raw.headers(), raw.value()) : null;
		return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
				raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(), raw.leaderEpoch(),
				raw.deliveryCount());
	}

	private static Map<String, Object> consumerConfig(String bootstrapServers) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
				"herald-collector-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
	}

}
