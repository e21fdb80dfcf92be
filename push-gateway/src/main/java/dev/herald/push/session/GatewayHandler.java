package dev.herald.push.session;

import java.time.Duration;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.PushProperties;
import dev.herald.push.protocol.CloseCodes;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator.OverflowStrategy;

/**
 * The WebSocket handler of {@code /v1/ws} and {@code /v1/sockjs}: opens a
 * {@link ClientSession} per connection and hands client messages to
 * {@link ClientCommands}. Never blocks a container thread.
 */
@Component
class GatewayHandler extends AbstractWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

	/** Tomcat's limit on one blocking write, so a close to a stuck peer ends in time. */
	private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private static final String SESSION = ClientSession.class.getName();

	private final SessionRegistry registry;

	private final ClientCommands commands;

	private final SessionFactory sessions;

	private final GatewayMetrics metrics;

	private final PushProperties properties;

	private final FirstFrameAuth auth;

	GatewayHandler(SessionRegistry registry, ClientCommands commands, SessionFactory sessions, GatewayMetrics metrics,
			PushProperties properties, FirstFrameAuth auth) {
		this.registry = registry;
		this.auth = auth;
		this.commands = commands;
		this.sessions = sessions;
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession socket) {
		if (socket instanceof StandardWebSocketSession standard) {
			standard.getNativeSession()
				.getUserProperties()
				.put(TOMCAT_SEND_TIMEOUT, this.properties.sendTimeLimit().toMillis());
		}
		else if (socket instanceof NativeWebSocketSession sockJs
				&& sockJs.getNativeSession(Session.class) instanceof Session overWebSocket) {
			// SockJS over WebSocket reads whole (JSON-quoted) messages, not parts
			overWebSocket.setMaxTextMessageBufferSize(2 * this.properties.maxInboundMessageBytes());
		}
		WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(socket,
				(int) this.properties.sendTimeLimit().toMillis(), this.properties.outboundBufferBytes(),
				OverflowStrategy.TERMINATE);
		SessionIdentity identity = (SessionIdentity) socket.getAttributes().get(SessionIdentity.ATTRIBUTE);
		ClientSession session = this.sessions.create(bounded, identity);
		socket.getAttributes().put(SESSION, session);
		if (identity.authenticated()) {
			this.registry.add(session);
			log.debug("Session {} of user {} opened", socket.getId(), identity.userId());
		}
		else {
			this.auth.await(session);
			log.debug("Session {} opened without a token; waiting for its auth frame", socket.getId());
		}
	}

	/**
	 * Client messages may come in parts: Tomcat then needs only a small buffer per
	 * connection ({@link WebSocketConfig#CLIENT_MESSAGE_BUFFER}) instead of one of the
	 * largest message's size, and the parts of the rare larger message are joined here.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
		ClientSession session = sessionOf(socket);
		long now = System.nanoTime();
		session.seen(now);
		String payload = session.joinParts(message.getPayload(), message.getPayloadLength(), message.isLast(),
				this.properties.maxInboundMessageBytes());
		if (payload == ClientSession.TOO_BIG) {
			this.metrics.inboundDropped("too_big");
			session.close(CloseStatus.TOO_BIG_TO_PROCESS);
		}
		else if (payload == null) {
			return;
		}
		else if (!session.authenticated()) {
			this.auth.authenticate(session, payload);
		}
		else if (!session.allowInbound(now)) {
			this.metrics.inboundDropped("rate");
			this.commands.rateLimited(session);
		}
		else {
			this.commands.handle(session, payload);
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
		ClientSession session = sessionOf(socket);
		long now = System.nanoTime();
		session.seen(now);
		if (!session.authenticated()) {
			this.auth.refuseBinary(session);
		}
		else if (session.allowInbound(now)) {
			this.commands.binaryRefused(session);
		}
		else {
			this.metrics.inboundDropped("rate");
			this.commands.rateLimited(session);
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
		sessionOf(socket).seen(System.nanoTime());
	}

	@Override
	public void handleTransportError(WebSocketSession socket, Throwable error) {
		log.debug("Transport error on session {}: {}", socket.getId(), error.toString());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
		ClientSession session = (ClientSession) socket.getAttributes().get(SESSION);
		if (session != null) {
			if (session.authenticated()) {
				this.registry.remove(session);
			}
			else {
				this.auth.closed(session);
			}
			this.metrics.closed(CloseCodes.reasonOf(status));
			log.debug("Session {} closed after {}: {}", socket.getId(),
					Duration.ofNanos(System.nanoTime() - session.openedAt()), status);
		}
	}

	private static ClientSession sessionOf(WebSocketSession socket) {
		return (ClientSession) socket.getAttributes().get(SESSION);
	}

}
