package dev.herald.push;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records conversations with the real gateway as the herald-client package's node tests
 * replay them ({@code src/main/js/herald-client/test/recorded/*.json}): what the client
 * sends, what the gateway answers, how it closes. The tests hold the recordings to the
 * gateway, so the client is tested against the protocol as it is and not as someone
 * remembered it. A changed protocol fails here; {@code -Dherald.record=true} writes the
 * new recordings (then look at the diff, and at the client).
 * <p>
 * Normalized: the token is {@code <token>}, notification times are fixed.
 */
class RecordedProtocolTest extends GatewayTestSupport {

	static final Path RECORDINGS = Path.of("src/main/js/herald-client/test/recorded");

	private static final String TOKEN = "<token>";

	private static final String AT = "2026-12-04T10:00:00Z";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	RecordedProtocolTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void firstFrameAuthThenResumeReplayLiveChangesCommandsAndPong() throws IOException {
		String user = newUser();
		store.append(Changes.created(user, 1, 1));
		Conversation talk = new Conversation(TOKENS.user(user), "/v1/ws?locale=en");

		talk.send("{\"type\":\"auth\",\"token\":\"" + talk.token + "\"}");
		talk.send("{\"type\":\"resume\",\"since\":0}");
		talk.receive((frame) -> frame.path("seq").asLong() == 1 && frame.has("notification"));
		publish(Changes.created(user, 2, 2));
		talk.receive((frame) -> frame.path("seq").asLong() == 2);
		talk.send("{\"type\":\"mark_all_read\"}");
		await().until(() -> store.requestsOf(user).stream().anyMatch((r) -> r.path().endsWith("/read-all")));
		publish(Changes.allRead(user, 3));
		talk.receive((frame) -> frame.path("seq").asLong() == 3);
		talk.send("{\"type\":\"mark_seen\"}");
		await().until(() -> store.requestsOf(user).stream().anyMatch((r) -> r.path().endsWith("/seen")));
		publish(Changes.allSeen(user, 4, 0, List.of(Changes.idAt(1), Changes.idAt(2))));
		talk.receive((frame) -> frame.path("seq").asLong() == 4);
		talk.send("{\"type\":\"ping\"}");
		talk.receive((frame) -> "pong".equals(frame.path("type").asString()));

		talk.matches("first-frame-auth.json");
	}

	@Test
	void anAuthFrameWithARefusedTokenIsClosedWith4401() throws IOException {
		Conversation talk = new Conversation("not-a-jwt", "/v1/ws?locale=en");

		talk.send("{\"type\":\"auth\",\"token\":\"" + talk.token + "\"}");
		talk.send("{\"type\":\"resume\"}");
		talk.closed();

		talk.matches("invalid-token.json");
	}

	@Test
	void theDeprecatedQueryTokenNeedsNoAuthFrame() throws IOException {
		String user = newUser();
		store.append(Changes.created(user, 1, 1));
		String token = TOKENS.user(user);
		Conversation talk = new Conversation(token, "/v1/ws?locale=en&access_token=" + token);

		talk.receive((frame) -> "hello".equals(frame.path("type").asString()));
		talk.send("{\"type\":\"resume\"}");
		publish(Changes.created(user, 2, 2));
		talk.receive((frame) -> frame.path("seq").asLong() == 2);

		talk.matches("query-token.json");
	}

	/** One connection and the steps recorded on it. */
	private final class Conversation {

		final String token;

		private final String path;

		private final TestSocket socket;

		private final List<JsonNode> steps = new ArrayList<>();

		private int received;

		Conversation(String token, String path) {
			this.token = token;
			this.path = path;
			this.socket = TestSocket.connect(URI.create("ws://localhost:" + port + path), null);
		}

		void send(String frame) {
			this.socket.send(frame);
			step("send", JSON.readTree(frame));
		}

		/** Waits for a frame that passes {@code last}, recording every frame up to it. */
		void receive(Predicate<JsonNode> last) {
			await().until(() -> this.socket.frames().stream().skip(this.received).anyMatch(last));
			List<JsonNode> frames = this.socket.frames();
			for (; this.received < frames.size(); this.received++) {
				JsonNode frame = frames.get(this.received);
				step("receive", frame);
				if (last.test(frame)) {
					this.received++;
					return;
				}
			}
		}

		void closed() {
			await().until(() -> this.socket.closeCode() != null);
			assertThat(this.socket.frames()).as("frames before the close").hasSize(this.received);
			step("close",
					JSON.createObjectNode()
						.put("code", this.socket.closeCode())
						.put("reason", this.socket.closeReason()));
		}

		private void step(String kind, JsonNode frame) {
			ObjectNode step = JSON.createObjectNode();
			step.set(kind, normalized(frame));
			this.steps.add(step);
		}

		private JsonNode normalized(JsonNode frame) {
			JsonNode copy = JSON.readTree(frame.toString().replace(this.token, TOKEN));
			if (copy.get("notification") instanceof ObjectNode notification) {
				notification.put("createdAt", AT).put("updatedAt", AT);
			}
			return copy;
		}

		void matches(String name) throws IOException {
			this.socket.close();
			ObjectNode recording = JSON.createObjectNode();
			recording.put("description", "Recorded from the gateway by push-gateway's RecordedProtocolTest; "
					+ "re-record with -Dherald.record=true");
			recording.put("path", this.path.replace(this.token, TOKEN));
			recording.set("steps", JSON.valueToTree(this.steps));
			Path file = RECORDINGS.resolve(name);
			if (Boolean.getBoolean("herald.record")) {
				Files.createDirectories(RECORDINGS);
				Files.writeString(file, JSON.writeValueAsString(recording) + "\n");
			}
			assertThat(file).as("run with -Dherald.record=true to record it").exists();
			assertThat(JSON.readTree(Files.readString(file)))
				.as("%s no longer matches what the gateway does; re-record with -Dherald.record=true", file)
				.isEqualTo(recording);
		}

	}

}
