package dev.herald.device.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.herald.device.Changes;
import dev.herald.device.DeviceProperties;
import dev.herald.device.GatewayIntegrationTest;
import dev.herald.device.MutableClock;
import dev.herald.device.TestDevice;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Notification;
import dev.herald.testinfra.MqttBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every broker must show: a player gets its owner's notifications on its own topic
 * and nothing else, and the retained unread count follows the user's changes.
 */
abstract class DeliveryContractTests extends GatewayIntegrationTest {

	protected abstract MqttBroker broker();

	protected DeliveryContractTests(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties) {
		super(mvc, clock, jdbc, properties);
	}

	@BeforeEach
	void resetClock() {
		this.clock.set(Instant.parse("2026-03-02T12:00:00Z"));
	}

	@Test
	void playerGetsItsOwnersNotificationsAndNoOtherPlayerGetsAnything() throws Exception {
		String owner = newId("user");
		String own = newId("desk");
		String disabled = newId("shelf");
		String foreign = newId("theirs");
		registerPlayer(owner, own, "{\"name\":\"Desk\",\"minIntervalSeconds\":0}");
		registerPlayer(owner, disabled, "{\"name\":\"Shelf\",\"enabled\":false,\"minIntervalSeconds\":0}");
		registerPlayer(newId("user"), foreign, "{\"name\":\"Theirs\",\"minIntervalSeconds\":0}");
		String first = newId("n");
		String second = newId("n");
		try (TestDevice device = TestDevice.subscribe(broker(), notificationTopic(own));
				TestDevice everything = TestDevice.subscribe(broker(),
						this.properties.topicPrefix() + "/player/+/notification")) {
			send(Changes.created(owner, 1, first, 1));
			send(Changes.change(owner, 2, ChangeKind.CREATED,
					Notification.newBuilder(Changes.notification(second, false))
						.setCommentId("c-9")
						.setActionUrl("https://art.example/42#comment-9")
						.build(),
					List.of(), 2));

			await().untilAsserted(() -> {
				assertThat(device.distinctIds("/notification")).containsExactly(first, second);
				assertThat(everything.distinctIds("/notification")).hasSize(2);
			});
			assertThat(everything.received()).extracting(TestDevice.Received::topic)
				.containsOnly(notificationTopic(own));
			JsonNode message = device.messages("/notification").get(0);
			assertThat(message.get("type").asString()).isEqualTo("notification");
			assertThat(message.get("text").asString()).isEqualTo("alice reacted \u2764 to Sunset");
			assertThat(message.get("reaction").asString()).isEqualTo("\u2764");
			assertThat(message.get("actor").asString()).isEqualTo("alice");
			assertThat(message.get("title").asString()).isEqualTo("Sunset");
			assertThat(message.get("unreadCount").asInt()).isEqualTo(1);
			assertThat(message.get("url").asString()).isEqualTo("https://art.example/42");
			assertThat(message.has("commentId")).isFalse();
			JsonNode reply = device.messages("/notification")
				.stream()
				.filter((m) -> m.get("id").asString().equals(second))
				.findFirst()
				.orElseThrow();
			assertThat(reply.get("url").asString()).isEqualTo("https://art.example/42#comment-9");
			assertThat(reply.get("commentId").asString()).isEqualTo("c-9");
		}
	}

	@Test
	void retainedUnreadCountFollowsReadDeleteAndAllRead() throws Exception {
		String owner = newId("user");
		String player = newId("desk");
		registerPlayer(owner, player, "{\"name\":\"Desk\"}");
		List<String> ids = List.of(newId("n"), newId("n"), newId("n"));
		for (int i = 0; i < ids.size(); i++) {
			send(Changes.created(owner, i + 1, ids.get(i), i + 1));
		}
		send(Changes.state(owner, 4, ChangeKind.READ, List.of(ids.get(0)), 2));
		send(Changes.state(owner, 5, ChangeKind.DELETED, List.of(ids.get(1)), 1));

		await().untilAsserted(() -> assertThat(retainedUnread(player)).isEqualTo("{\"unreadCount\":1}"));

		send(Changes.state(owner, 6, ChangeKind.ALL_READ, List.of(), 0));

		await().untilAsserted(() -> assertThat(retainedUnread(player)).isEqualTo("{\"unreadCount\":0}"));
	}

	/** What a player that just powered on reads from its unread topic. */
	protected String retainedUnread(String playerKey) {
		try (TestDevice fresh = TestDevice.subscribe(broker(), unreadTopic(playerKey))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> !fresh.received().isEmpty());
			TestDevice.Received received = fresh.received().get(0);
			assertThat(received.retained()).isTrue();
			return received.payload();
		}
	}

}
