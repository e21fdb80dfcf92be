package dev.herald.push.session;

import java.time.Instant;

import dev.herald.push.PushProperties;
import dev.herald.push.protocol.CloseCodes;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a second: closes connections whose token expired (4001) and WebSocket peers that
 * stopped answering (4002), and pings WebSocket peers that sent nothing and were not
 * pinged for a ping interval. One pass over all sessions instead of a timer per session.
 */
@Component
class SessionSweeper {

	private final SessionRegistry registry;

	private final long pingNanos;

	private final long idleNanos;

	SessionSweeper(SessionRegistry registry, PushProperties properties) {
		this.registry = registry;
		this.pingNanos = properties.pingInterval().toNanos();
		this.idleNanos = properties.idleTimeout().toNanos();
	}

	@Scheduled(fixedDelay = 1000)
	void sweep() {
		Instant wallClock = Instant.now();
		long now = System.nanoTime();
		this.registry.all().forEach((session) -> sweep(session, wallClock, now));
	}

	private void sweep(ClientSession session, Instant wallClock, long now) {
		if (!session.expiresAt().isAfter(wallClock)) {
			session.close(CloseCodes.TOKEN_EXPIRED);
		}
		else if (session.isSockJs()) {
			return;
		}
		else if (now - session.lastSeenAt() > this.idleNanos) {
			session.close(CloseCodes.IDLE_TIMEOUT);
		}
		else if (now - Math.max(session.lastPingAt(), session.lastSeenAt()) > this.pingNanos) {
			// a peer that sent anything within the interval (herald-client.js pings every
			// 25 s) is known to be there: no ping, and no write to its connection
			session.ping(now);
		}
	}

}
