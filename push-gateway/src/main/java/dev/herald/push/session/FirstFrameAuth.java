package dev.herald.push.session;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.protocol.CloseCodes;
import io.micrometer.core.instrument.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Authenticates a connection whose handshake carried no token by its first frame,
 * {@code {"type":"auth","token":"<JWT>"}}, so that browsers (which cannot set headers on
 * a WebSocket, and SockJS, which cannot set them at all) need not put the token in the
 * URL, where proxies and access logs keep it. Until then the gateway sends nothing and
 * the connection is not registered; a first frame of any other kind, a token the shared
 * decoder refuses (the same checks as at the handshake) or no frame within
 * {@code herald.push.auth.timeout} closes it with 4401 and a reason saying which.
 * <p>
 * The token is checked on the thread that read the frame: Tomcat's threads are virtual
 * here ({@code spring.threads.virtual.enabled}), the decoder caches what it verified, and
 * checking in line keeps the {@code resume} the client sends right after {@code auth}
 * behind it without a queue.
 */
@Component
class FirstFrameAuth {

	private static final Logger log = LoggerFactory.getLogger(FirstFrameAuth.class);

	static final String METHOD = "frame";

	private final JwtDecoder decoder;

	private final JsonMapper json;

	private final SessionRegistry registry;

	private final TaskScheduler scheduler;

	private final GatewayMetrics metrics;

	private final FirstFrameAuthProperties properties;

	private final AtomicInteger waiting = new AtomicInteger();

	FirstFrameAuth(JwtDecoder decoder, JsonMapper json, SessionRegistry registry, TaskScheduler scheduler,
			GatewayMetrics metrics, FirstFrameAuthProperties properties) {
		this.decoder = decoder;
		this.json = json;
		this.registry = registry;
		this.scheduler = scheduler;
		this.metrics = metrics;
		this.properties = properties;
		Gauge.builder("herald.push.auth.waiting", this.waiting, AtomicInteger::get)
			.description("Connections that opened without a token and wait for their auth frame")
			.register(metrics.registry());
	}

	/** Connections waiting for their {@code auth} frame now. */
	int waiting() {
		return this.waiting.get();
	}

	/**
	 * Whether one more connection without a token may wait for its {@code auth} frame.
	 */
	boolean mayWait() {
		return this.waiting.get() < this.properties.maxWaiting();
	}

	/**
	 * Starts the wait for the {@code auth} frame of a connection opened without a token.
	 */
	void await(ClientSession session) {
		this.waiting.incrementAndGet();
		session.awaitAuth();
		this.scheduler.schedule(() -> refuse(session, CloseCodes.AUTH_TIMEOUT, "timeout"),
				Instant.now().plus(this.properties.timeout()));
	}

	/**
	 * The first message of a connection that waits for it: registers the connection as
	 * the token's user, or closes it saying why not.
	 */
	void authenticate(ClientSession session, String payload) {
		String token = tokenOf(payload);
		if (token == null) {
			refuse(session, CloseCodes.AUTH_EXPECTED, "not_auth");
			return;
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			log.debug("Session {}: auth frame with a token refused: {}", session.id(), ex.getMessage());
			refuse(session, CloseCodes.INVALID_TOKEN, "invalid_token");
			return;
		}
		if (!stopWaiting(session)) {
			return; // timed out or closed meanwhile
		}
		session.authenticate(session.identity().authenticatedAs(jwt.getSubject(), token, jwt.getExpiresAt()));
		this.metrics.authenticated(METHOD, "ok");
		this.registry.add(session);
		if (!session.isOpen()) {
			// closed while it was being added: afterConnectionClosed found it
			// unregistered
			this.registry.remove(session);
		}
	}

	/** A frame that cannot be an {@code auth} frame (a binary one) came first. */
	void refuseBinary(ClientSession session) {
		refuse(session, CloseCodes.AUTH_EXPECTED, "not_auth");
	}

	/** The connection closed before it authenticated. */
	void closed(ClientSession session) {
		stopWaiting(session);
	}

	private void refuse(ClientSession session, CloseStatus status, String outcome) {
		if (stopWaiting(session)) {
			this.metrics.authenticated(METHOD, outcome);
			session.close(status);
		}
	}

	private boolean stopWaiting(ClientSession session) {
		if (session.stopAwaitingAuth()) {
			this.waiting.decrementAndGet();
			return true;
		}
		return false;
	}

	/** The token of an {@code auth} frame, or null if the payload is not one. */
	private String tokenOf(String payload) {
		try {
			JsonNode message = this.json.readTree(payload);
			JsonNode token = message.path("token");
			boolean auth = "auth".equals(message.path("type").asString("")) && token.isString()
					&& !token.asString().isBlank();
			return auth ? token.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
