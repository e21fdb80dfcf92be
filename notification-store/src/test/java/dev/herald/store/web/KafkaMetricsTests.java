package dev.herald.store.web;

import java.util.UUID;

import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka clients the store builds itself export their metrics: the consumer lag of its
 * group (the client id names the group; what the lag alert and the dashboard read) and
 * the producers' sends.
 */
class KafkaMetricsTests extends StoreIntegrationTest {

	KafkaMetricsTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void consumerLagPerPartitionAndProducerSendsAreInThePrometheusScrape() {
		send(Events.follow(newUser(), "f-" + UUID.randomUUID()));
		await().untilAsserted(() -> {
			String scrape = Http.anonymous(this.port).get("/actuator/prometheus").text();
			assertThat(scrape).containsPattern(
					"(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"consumer-herald-store-\\d+\"[^}]*} ");
			assertThat(scrape).containsPattern("(?m)^kafka_producer_record_send_total\\{[^}]*} [1-9]");
		});
	}

}
