package dev.herald.push.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.PushProperties;
import dev.herald.push.protocol.ChangeFrames;
import dev.herald.push.protocol.CloseCodes;
import dev.herald.push.protocol.LiveChange;
import dev.herald.schema.NotificationChange;
import io.micrometer.core.instrument.Gauge;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The sessions this instance holds, by user, and the fan-out of each change to every
 * session of its user.
 */
@Component
public class SessionRegistry {

	private final Map<String, List<ClientSession>> byUser = new ConcurrentHashMap<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final ChangeStream stream;

	private final GatewayMetrics metrics;

	private final int maxSessionsPerUser;

	SessionRegistry(ChangeStream stream, GatewayMetrics metrics, PushProperties properties) {
		this.stream = stream;
		this.metrics = metrics;
		this.maxSessionsPerUser = properties.maxSessionsPerUser();
		Gauge.builder("herald.push.connections", this.connections, AtomicInteger::get)
			.description("Open connections (WebSocket and SockJS)")
			.register(metrics.registry());
		Gauge.builder("herald.push.users", this.byUser, Map::size)
			.description("Users with at least one open connection")
			.register(metrics.registry());
	}

	/** Delivers a change to every session of its user on this instance. */
	public void deliver(NotificationChange change) {
		deliver(change, -1);
	}

	/**
	 * Delivers a change read from {@code notifications.v1}, published at the record's
	 * timestamp (epoch milliseconds).
	 */
	public void deliver(NotificationChange change, long publishedAtMillis) {
		List<ClientSession> sessions = this.byUser.get(change.getUserId());
		if (sessions == null || sessions.isEmpty()) {
			return;
		}
		LiveChange live = ChangeFrames.live(change, publishedAtMillis);
		sessions.forEach((session) -> this.stream.live(session, live));
	}

	public int connections() {
		return this.connections.get();
	}

	/** Closes every session of a user, for instance when their access is revoked. */
	public void closeUser(String userId, CloseStatus status) {
		this.byUser.getOrDefault(userId, List.of()).forEach((session) -> session.close(status));
	}

	void add(ClientSession session) {
		List<ClientSession> sessions = this.byUser.compute(session.userId(), (user, list) -> {
			List<ClientSession> result = (list != null) ? list : new CopyOnWriteArrayList<>();
			result.add(session);
			return result;
		});
		this.connections.incrementAndGet();
		this.metrics.sessionOpened(sessions.size());
		sessions.stream()
			.limit(Math.max(0, sessions.size() - this.maxSessionsPerUser))
			.forEach((oldest) -> oldest.close(CloseCodes.SESSION_LIMIT));
		this.stream.open(session);
	}

	void remove(ClientSession session) {
		this.byUser.computeIfPresent(session.userId(), (user, list) -> {
			if (list.remove(session)) {
				this.connections.decrementAndGet();
			}
			return list.isEmpty() ? null : list;
		});
	}

	Stream<ClientSession> all() {
		return this.byUser.values().stream().flatMap(List::stream);
	}

}
