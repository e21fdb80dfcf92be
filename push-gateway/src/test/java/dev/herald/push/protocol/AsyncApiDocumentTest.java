package dev.herald.push.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.NotificationType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml} describes the protocol as the gateway speaks it: every frame
 * it sends, every command it takes, and every field of a notification and of the frames.
 */
class AsyncApiDocumentTest {

	private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

	@Test
	void namesEveryFrameEveryCommandAndEveryFieldTheGatewayUses() throws IOException {
		Map<String, Object> api = new Yaml().load(Files.readString(DOCUMENT));
		Map<String, Object> messages = map(map(api, "components"), "messages");
		assertThat(messages).containsKeys("hello", "notification", "state", "pong", "resync", "error", "auth", "resume",
				"ping", "mark_read", "mark_all_read", "mark_seen");
		assertThat(properties(map(messages, "auth"))).containsExactly("type", "token");
		assertThat(map(map(api, "operations"), "send").get("messages").toString())
			.as("auth is the first thing a client sends")
			.startsWith("[{$ref=#/channels/session/messages/auth}");

		Instant at = Instant.parse("2026-12-03T10:00:00Z");
		Notification notification = Notification.newBuilder()
			.setId("n1")
			.setType(NotificationType.FOLLOW)
			.setActors(List.of(Actor.newBuilder().setId("bob").setHandle("bob").build()))
			.setActorCount(1)
			.setTemplateKey("follow.one")
			.setCreatedAt(at)
			.setUpdatedAt(at)
			.setRead(false)
			.build();
		ObjectNode created = ChangeFrames.frame(NotificationChange.newBuilder()
			.setUserId("u")
			.setSeq(1)
			.setKind(ChangeKind.CREATED)
			.setNotification(notification)
			.setUnreadCount(1)
			.setOccurredAt(at)
			.setEmittedAt(at)
			.build());
		assertThat(properties(map(messages, "notification"))).containsExactlyInAnyOrderElementsOf(names(created));
		assertThat(map(map(map(api, "components"), "schemas"), "notification").get("properties"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys(names((ObjectNode) created.get("notification")).toArray());
		ObjectNode state = ChangeFrames.frame(NotificationChange.newBuilder()
			.setUserId("u")
			.setSeq(2)
			.setKind(ChangeKind.ALL_READ)
			.setUnreadCount(0)
			.setOccurredAt(at)
			.setEmittedAt(at)
			.build());
		assertThat(properties(map(messages, "state"))).containsExactlyInAnyOrderElementsOf(names(state));
		assertThat(properties(map(messages, "hello"))).containsExactlyInAnyOrderElementsOf(
				names((ObjectNode) tools.jackson.databind.json.JsonMapper.shared().readTree(Frames.hello(1, 2, 3))));
	}

	private static List<String> properties(Map<String, Object> message) {
		return new ArrayList<>(map(map(message, "payload"), "properties").keySet());
	}

	private static List<String> names(ObjectNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return (Map<String, Object>) parent.get(key);
	}

}
