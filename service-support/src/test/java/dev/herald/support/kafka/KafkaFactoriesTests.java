package dev.herald.support.kafka;

import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaFactoriesTests {

	@Test
	void consumersOfACrashedInstanceLoseTheirPartitionsWithinTenSeconds() {
		var config = KafkaFactories.consumerFactory(new KafkaProperties(), Topics.NOTIFICATIONS)
			.getConfigurationProperties();

		assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
			.containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000)
			.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
	}

	@Test
	void configuredSessionTimeoutWins() {
		KafkaProperties properties = new KafkaProperties();
		properties.getConsumer().getProperties().put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000");

		var config = KafkaFactories.consumerFactory(properties, Topics.NOTIFICATIONS).getConfigurationProperties();

		assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000");
	}

}
