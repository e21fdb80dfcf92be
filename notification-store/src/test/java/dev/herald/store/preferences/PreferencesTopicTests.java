package dev.herald.store.preferences;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.schema.DigestFrequency;
import dev.herald.schema.NotificationType;
import dev.herald.schema.TypeChannels;
import dev.herald.schema.UserPreferences;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PreferencesTopicTests extends StoreIntegrationTest {

	PreferencesTopicTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void everyChangeIsPublishedWithAllFieldsAndLeavesNoOutboxRow() {
		String user = newUser();
		http(user).put("/v1/preferences", PreferencesApiTests.full());
		http(user).patch("/v1/preferences/FOLLOW", Map.of("email", false));
		await().untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(2));
		UserPreferences first = publishedPreferences(user).get(0).value();
		UserPreferences latest = publishedPreferences(user).get(1).value();
		assertThat(first.getUserId()).isEqualTo(user);
		assertThat(first.getTypes()).hasSize(NotificationType.values().length);
		assertThat(channels(first, NotificationType.REACTION).getDevice()).isFalse();
		assertThat(channels(first, NotificationType.FOLLOW).getEmail()).isTrue();
		assertThat(channels(latest, NotificationType.FOLLOW).getEmail()).isFalse();
		assertThat(latest.getDigest().getFrequency()).isEqualTo(DigestFrequency.DAILY);
		assertThat(latest.getDigest().getSendHour()).isEqualTo(18);
		assertThat(latest.getDigest().getWeekday()).isEqualTo(5);
		assertThat(latest.getDigest().getMinimumUnread()).isEqualTo(3);
		assertThat(latest.getQuietHours().getStart()).isEqualTo(LocalTime.of(22, 0));
		assertThat(latest.getQuietHours().getEnd()).isEqualTo(LocalTime.of(7, 30));
		assertThat(latest.getTimeZone()).isEqualTo("Europe/Lisbon");
		assertThat(latest.getLocale()).isEqualTo("pt-BR");
		assertThat(latest.getMutedActors()).containsExactly("mallory", "trent");
		assertThat(latest.getMutedContent()).containsExactly("artwork:42");
		assertThat(latest.getAggregation()).isFalse();
		assertThat(latest.getUpdatedAt()).isAfterOrEqualTo(first.getUpdatedAt());
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM preference_outbox WHERE user_id = ?", user)).isZero());
	}

	@Test
	void concurrentChangesOfOneUserArePublishedInCommitOrder() {
		String user = newUser();
		List<NotificationType> types = List.of(NotificationType.values());
		types.parallelStream()
			.forEach((type) -> assertThat(
					http(user).patch("/v1/preferences/" + type.name(), Map.of("device", false)).status())
				.isEqualTo(200));
		await().untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(types.size()));
		List<UserPreferences> values = publishedPreferences(user).stream().map(ConsumerRecord::value).toList();
		for (int i = 0; i < values.size(); i++) {
			long off = values.get(i).getTypes().stream().filter((t) -> !t.getDevice()).count();
			assertThat(off).as("record %d", i).isEqualTo(i + 1);
		}
		assertThat(values.getLast().getTypes()).allSatisfy((t) -> assertThat(t.getDevice()).isFalse());
	}

	@Test
	void deletedUserGetsATombstoneAndLeavesNoRowBehind() {
		String user = newUser();
		http(user).put("/v1/preferences", PreferencesApiTests.full());
		send(Events.follow(user, "bob-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(1));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		send(Events.userDeleted(user));
		await().untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(2));
		ConsumerRecord<String, UserPreferences> tombstone = publishedPreferences(user).get(1);
		assertThat(tombstone.key()).isEqualTo(user);
		assertThat(tombstone.value()).isNull();
		for (String table : List.of("preferences", "preference_types", "preference_outbox")) {
			await().untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM " + table + " WHERE user_id = ?", user)).as(table)
						.isZero());
		}
		assertThat(http(user).get("/v1/preferences").body().get("updatedAt").isNull()).isTrue();
	}

	private static TypeChannels channels(UserPreferences preferences, NotificationType type) {
		return preferences.getTypes().stream().filter((t) -> t.getType() == type).findFirst().orElseThrow();
	}

}
