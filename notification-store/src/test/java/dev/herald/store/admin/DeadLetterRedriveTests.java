package dev.herald.store.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.herald.schema.DigestFrequency;
import dev.herald.schema.DigestSchedule;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin re-drive of a dead-letter topic, on {@code user-preferences.v1}, which no
 * consumer in these tests reads, so that the re-driven records reach nothing else.
 */
class DeadLetterRedriveTests extends StoreIntegrationTest {

	DeadLetterRedriveTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void sendsWhatLandedInADeadLetterTopicBackOnceWithoutItsDeadLetterHeaders() throws Exception {
		String user = newUser();
		deadLetter(user);
		await().untilAsserted(() -> assertThat(notRedriven()).isPositive());

		Response first = admin().post("/v1/admin/dead-letters/user-preferences.v1/redrive", Map.of());
		assertThat(first.status()).as(first.text()).isEqualTo(200);
		assertThat(first.body().path("redriven").asInt()).isPositive();
		assertThat(first.body().path("deadLetterTopic").asString()).isEqualTo("user-preferences.v1.dlt");
		try (RecordCollector<String, UserPreferences> preferences = kafka.collect(Topics.USER_PREFERENCES)) {
			await()
				.untilAsserted(() -> assertThat(redrivenFor(preferences, user)).singleElement().satisfies((record) -> {
					assertThat(record.value().getUserId()).isEqualTo(user);
					assertThat(record.headers().lastHeader("herald_dlt_reason")).isNull();
					assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNull();
					assertThat(new String(record.headers().lastHeader("herald_redriven_from").value(),
							StandardCharsets.UTF_8))
						.startsWith("user-preferences.v1.dlt-");
				}));
			assertThat(notRedriven()).isZero();

			Response second = admin().post("/v1/admin/dead-letters/user-preferences.v1/redrive", Map.of());
			assertThat(second.status()).isEqualTo(200);
			assertThat(second.body().path("redriven").asInt()).isZero();
			assertThat(redrivenFor(preferences, user)).hasSize(1);
		}
	}

	@Test
	void answersNotFoundForATopicOutsideTheCatalogueAndForbiddenWithoutTheAdminScope() {
		Response unknown = admin().post("/v1/admin/dead-letters/nope.v1/redrive", Map.of());
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).contains("application/problem+json");
		assertThat(unknown.body().path("detail").asString()).contains("nope.v1");
		assertThat(http(newUser()).post("/v1/admin/dead-letters/user-preferences.v1/redrive", Map.of()).status())
			.isEqualTo(403);
	}

	private long notRedriven() {
		JsonNode stats = admin().get("/v1/admin/stats?days=1").body();
		return stats.path("deadLettersNotRedriven").path("user-preferences.v1.dlt").asLong();
	}

	private static List<ConsumerRecord<String, UserPreferences>> redrivenFor(
			RecordCollector<String, UserPreferences> records, String user) {
		return records.records()
			.stream()
			.filter((r) -> user.equals(r.key()) && r.headers().lastHeader("herald_redriven_from") != null)
			.toList();
	}

	/**
	 * What the shared error handler writes for a record that failed for a bug since
	 * fixed.
	 */
	private static void deadLetter(String user) throws Exception {
		UserPreferences preferences = UserPreferences.newBuilder()
			.setUserId(user)
			.setTypes(List.of())
			.setDigest(new DigestSchedule(DigestFrequency.OFF, 9, 1, 1))
			.setTimeZone("UTC")
			.setLocale("en")
			.setUpdatedAt(java.time.Instant.now())
			.build();
		RecordHeaders headers = new RecordHeaders();
		headers.add("herald_dlt_reason", "NullPointerException: a bug".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-message", "a bug".getBytes(StandardCharsets.UTF_8));
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(Topics.USER_PREFERENCES.deadLetter().name(), null,
						user.getBytes(StandardCharsets.UTF_8),
						Topics.USER_PREFERENCES.valueSerde().serializer().serialize("", preferences), headers))
				.get();
		}
	}

}
