package dev.herald.store.preferences;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.schema.Channel;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Preferences saved through the API, then events through Kafka: what the pipeline lets
 * through. Each test ends with a marker event that must arrive, so an event dropped
 * before it was judged, not merely late.
 */
class PreferencesPipelineTests extends StoreIntegrationTest {

	private final PreferencesCache cache;

	PreferencesPipelineTests(JdbcClient jdbc, PreferencesCache cache) {
		super(jdbc);
		this.cache = cache;
	}

	@Test
	void typeTurnedOffStopsItsNotificationsWhileOthersArrive() {
		String user = newUser();
		assertThat(http(user).patch("/v1/preferences/REACTION", Map.of("inApp", false)).status()).isEqualTo(200);
		send(Events.reaction(user, "alice-" + UUID.randomUUID(), "t1", "❤"),
				Events.follow(user, "bob-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(published(user).get(0).getNotification().getType()).isEqualTo(NotificationType.FOLLOW);
		Http.Response inbox = http(user).get("/v1/notifications");
		assertThat(inbox.body().get("items")).hasSize(1);
		assertThat(inbox.body().get("items").get(0).get("type").asString()).isEqualTo("FOLLOW");
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ? AND type = 'REACTION'", user)).isZero();
	}

	@Test
	void mutedActorIsSilent() {
		String user = newUser();
		String mallory = "mallory-" + UUID.randomUUID();
		http(user).put("/v1/preferences", Map.of("mutedActors", List.of(mallory)));
		send(Events.follow(user, mallory), Events.comment(user, mallory, "m1", "hi"),
				Events.follow(user, "bob-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(published(user).get(0).getNotification().getActors().get(0).getId()).isNotEqualTo(mallory);
		assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ?", user)).isEqualTo(1);
	}

	@Test
	void mutedContentIsSilent() {
		String user = newUser();
		String muted = "muted-" + UUID.randomUUID();
		http(user).put("/v1/preferences", Map.of("mutedContent", List.of("artwork:" + muted)));
		send(Events.reaction(user, "alice-" + UUID.randomUUID(), muted, "❤"),
				Events.comment(user, "bob-" + UUID.randomUUID(), muted, "wow"),
				Events.reaction(user, "carol-" + UUID.randomUUID(), "other", "❤"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(published(user).get(0).getNotification().getContent().getId()).isEqualTo("other");
	}

	@Test
	void criticalEventArrivesDespiteTheTypeTurnedOffEverywhere() {
		String user = newUser();
		http(user).patch("/v1/preferences/MODERATION", Map.of("inApp", false, "device", false, "email", false));
		send(Events.moderation(user, false), Events.moderation(user, true));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		await().during(Duration.ofMillis(300)).untilAsserted(() -> assertThat(published(user)).hasSize(1));
		NotificationChange change = published(user).get(0);
		assertThat(change.getNotification().getCritical()).isTrue();
		assertThat(change.getChannels()).containsExactly(Channel.DEVICE, Channel.EMAIL);
	}

	@Test
	void channelsFollowTheTypeSwitchesAndTheDigestFrequency() {
		String user = newUser();
		http(user).put("/v1/preferences",
				Map.of("types", Map.of("FOLLOW", Map.of("device", false)), "digest", Map.of("frequency", "DAILY")));
		send(Events.follow(user, "bob-" + UUID.randomUUID()),
				Events.comment(user, "carol-" + UUID.randomUUID(), "ch", "hey"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		assertThat(published(user).get(0).getChannels()).containsExactly(Channel.EMAIL);
		assertThat(published(user).get(1).getChannels()).containsExactly(Channel.DEVICE, Channel.EMAIL);
	}

	@Test
	void webPushIsOnForCriticalNotificationsAndOtherwiseWhereTheUserOptedIn() {
		String user = newUser();
		send(Events.follow(user, "bob-" + UUID.randomUUID()), Events.moderation(user, true));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		assertThat(published(user)).extracting(NotificationChange::getWebPush).containsExactly(false, true);
		Http.Response optedIn = http(user).patch("/v1/preferences/FOLLOW", Map.of("webPush", true));
		assertThat(optedIn.status()).isEqualTo(200);
		assertThat(optedIn.body().get("types").get("FOLLOW").get("webPush").asBoolean()).isTrue();
		assertThat(optedIn.body().get("types").get("COMMENT").get("webPush").asBoolean()).isFalse();
		assertThat(optedIn.body().get("types").get("FOLLOW").get("device").asBoolean()).isTrue();
		send(Events.follow(user, "carol-" + UUID.randomUUID()),
				Events.comment(user, "dave-" + UUID.randomUUID(), "c", "marker"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(4));
		assertThat(published(user).subList(2, 4)).extracting(NotificationChange::getWebPush)
			.containsExactly(true, false);
		http(user).put("/v1/preferences", Map.of("types", Map.of("FOLLOW", Map.of("device", false))));
		send(Events.follow(user, "erin-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(5));
		assertThat(published(user).get(4).getWebPush()).as("a PUT without webPush leaves it at its default, off")
			.isFalse();
	}

	@Test
	void eventRightAfterAChangeIsJudgedWithTheNewPreferences() {
		String user = newUser();
		send(Events.follow(user, "bob-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(this.cache.findAll(List.of(user)).get(user).inApp(NotificationType.FOLLOW)).isTrue();
		http(user).patch("/v1/preferences/FOLLOW", Map.of("inApp", false));
		send(Events.follow(user, "carol-" + UUID.randomUUID()),
				Events.comment(user, "dave-" + UUID.randomUUID(), "c", "marker"));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		assertThat(published(user).get(1).getNotification().getType()).isEqualTo(NotificationType.COMMENT);
	}

	@Test
	void changeMadeByAnotherInstanceReachesTheCacheThroughNotify() {
		String user = newUser();
		assertThat(this.cache.findAll(List.of(user)).get(user).mutedActors()).isEmpty();
		jdbc.sql("INSERT INTO preferences (user_id, muted_actors) VALUES (?, ARRAY['eve'])").param(user).update();
		assertThat(this.cache.findAll(List.of(user)).get(user).mutedActors()).as("served from the cache").isEmpty();
		jdbc.sql("SELECT pg_notify('herald_preferences', ?)").param(user).query(Object.class).list();
		await().untilAsserted(
				() -> assertThat(this.cache.findAll(List.of(user)).get(user).mutedActors()).containsExactly("eve"));
	}

}
