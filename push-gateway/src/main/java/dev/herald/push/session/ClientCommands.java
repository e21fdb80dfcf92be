package dev.herald.push.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

import dev.herald.push.protocol.Frames;
import dev.herald.push.store.StoreClient;
import dev.herald.push.store.StoreUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Client → server messages of an authenticated connection: {@code ping}, {@code resume},
 * {@code mark_read}, {@code mark_all_read}, {@code mark_seen} ({@code auth} comes before,
 * see {@link FirstFrameAuth}). Bad messages get an {@code error} frame naming the
 * problem.
 */
@Component
class ClientCommands {

	static final int MAX_IDS = 500;

	/** A notification id as the store gives them. */
	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final ChangeStream stream;

	private final StoreClient store;

	private final ExecutorService executor;

	private final JsonMapper json;

	ClientCommands(ChangeStream stream, StoreClient store, ExecutorService sessionExecutor, JsonMapper json) {
		this.stream = stream;
		this.store = store;
		this.executor = sessionExecutor;
		this.json = json;
	}

	void handle(ClientSession session, String payload) {
		JsonNode message;
		try {
			message = this.json.readTree(payload);
		}
		catch (JacksonException ex) {
			reply(session, Frames.error("bad_request", "Messages are JSON objects"));
			return;
		}
		switch (message.path("type").asString("")) {
			case "ping" -> reply(session, Frames.PONG);
			case "resume" -> resume(session, message.get("since"));
			case "mark_read" -> markRead(session, message.get("ids"));
			case "mark_all_read" -> callStore(session, () -> this.store.markAllRead(session.token()));
			case "mark_seen" -> markSeen(session, message.get("ids"));
			// a connection has one user: auth is only the first frame of one without a
			// token
			case "auth" -> reply(session, Frames.error("bad_request", "type: auth only as the first frame of a "
					+ "connection opened without a token; this one is authenticated"));
			default -> reply(session,
					Frames.error("bad_request", "type: one of ping, resume, mark_read, mark_all_read, mark_seen"));
		}
	}

	void rateLimited(ClientSession session) {
		reply(session, Frames.error("rate_limited", "Too many messages; this one was dropped"));
	}

	private void resume(ClientSession session, JsonNode since) {
		if (since == null || since.isNull()) {
			this.stream.resume(session, null);
		}
		else if (since.canConvertToLong() && since.asLong() >= 0) {
			this.stream.resume(session, since.asLong());
		}
		else {
			reply(session, Frames.error("bad_request", "since: a seq number ≥ 0"));
		}
	}

	private void markRead(ClientSession session, JsonNode ids) {
		List<String> values = ids(session, ids);
		if (values != null) {
			callStore(session, () -> this.store.markRead(session.token(), values));
		}
	}

	/** Without ids: every notification the user has, as when they open the bell. */
	private void markSeen(ClientSession session, JsonNode ids) {
		if (ids == null || ids.isNull()) {
			callStore(session, () -> this.store.markSeen(session.token(), null));
			return;
		}
		List<String> values = ids(session, ids);
		if (values != null) {
			callStore(session, () -> this.store.markSeen(session.token(), values));
		}
	}

	/** The ids of a command, or null after answering why they are refused. */
	private List<String> ids(ClientSession session, JsonNode ids) {
		if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS
				|| !ids.valueStream().allMatch(JsonNode::isString)) {
			reply(session, Frames.error("bad_request", "ids: 1 to " + MAX_IDS + " notification ids"));
			return null;
		}
		List<String> values = new ArrayList<>();
		ids.forEach((id) -> values.add(id.asString()));
		for (int i = 0; i < values.size(); i++) {
			if (!UUID.matcher(values.get(i)).matches()) {
				// the store would refuse the call; said here, it is not an outage to
				// retry
				reply(session, Frames.error("bad_request", "ids[" + i + "]: a notification id (UUID)"));
				return null;
			}
		}
		return values;
	}

	/** Frames are JSON text; a binary frame is answered, not silently dropped. */
	void binaryRefused(ClientSession session) {
		reply(session, Frames.error("bad_request", "Messages are JSON text frames, not binary"));
	}

	/** Store calls run beside the mailbox; the resulting state arrives through Kafka. */
	private void callStore(ClientSession session, Runnable call) {
		this.executor.execute(() -> {
			try {
				call.run();
			}
			catch (StoreUnavailableException ex) {
				reply(session, Frames.error("store_unavailable", "The notification store did not apply it; retry"));
			}
		});
	}

	private static void reply(ClientSession session, String frame) {
		session.submit(() -> session.send(frame));
	}

}
