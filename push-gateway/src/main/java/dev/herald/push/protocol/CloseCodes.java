package dev.herald.push.protocol;

import org.springframework.web.socket.CloseStatus;

/**
 * Close codes the gateway uses; {@code herald-client.js} reconnects on all but
 * {@link #SESSION_LIMIT}.
 */
public final class CloseCodes {

	/** The token expired: reconnect with a fresh one. */
	public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "token expired");

	/** No frame from the peer for longer than the idle timeout. */
	public static final CloseStatus IDLE_TIMEOUT = new CloseStatus(4002, "idle timeout");

	/** The user opened more sessions than allowed; this, the oldest, was closed. */
	public static final CloseStatus SESSION_LIMIT = new CloseStatus(4003, "too many sessions");

	/**
	 * A connection that brought no token to its handshake did not authenticate with its
	 * first frame in time; reconnect (with backoff) and send {@code auth} at once.
	 */
	public static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4401, "auth timeout");

	/** Such a connection's first frame was not {@code {"type":"auth","token":…}}. */
	public static final CloseStatus AUTH_EXPECTED = new CloseStatus(4401, "auth frame expected first");

	/**
	 * The {@code auth} frame's token is not valid (signature, expiry, issuer, audience,
	 * subject, lifetime): reconnect with backoff and a fresh token.
	 */
	public static final CloseStatus INVALID_TOKEN = new CloseStatus(4401, "invalid token");

	/** The client did not read fast enough; reconnect and resume. */
	public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4008, "slow consumer");

	/** The store could not be reached; reconnect later and resume. */
	public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "store unavailable");

	private CloseCodes() {
	}

	/** The gateway shuts down: reconnect after the given delay (the jitter). */
	public static CloseStatus serviceRestart(long reconnectAfterMillis) {
		return CloseStatus.SERVICE_RESTARTED
			.withReason("service restart, reconnect in " + reconnectAfterMillis + " ms");
	}

	/** A metric tag for the reason a session closed. */
	public static String reasonOf(CloseStatus status) {
		return switch (status.getCode()) {
			case 4001 -> "token_expired";
			case 4002 -> "idle_timeout";
			case 4003 -> "session_limit";
			case 4401 -> "unauthorized";
			case 4008, 4500 -> "slow_consumer";
			case 1009 -> "message_too_big";
			case 1012 -> "shutdown";
			case 1013 -> "store_unavailable";
			case 1000, 1001 -> "client";
			default -> "other";
		};
	}

}
