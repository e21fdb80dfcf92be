package dev.herald.push.session;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.herald.push.protocol.CloseCodes;
import dev.herald.push.protocol.LiveChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

/**
 * One connection: its identity, its socket (bounded by a
 * {@code ConcurrentWebSocketSessionDecorator}) and the small state of its ordered stream.
 * Everything that writes or touches the stream state runs in its {@link Mailbox}, one
 * task at a time.
 */
final class ClientSession {

	private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

	private final WebSocketSession socket;

	/** Replaced once, by {@link #authenticate}, when the handshake brought no token. */
	private volatile SessionIdentity identity;

	/** Whether the connection still waits for its {@code auth} frame. */
	private final AtomicBoolean awaitingAuth = new AtomicBoolean();

	private final Mailbox mailbox;

	private final Executor executor;

	private final InboundRate inboundRate;

	private final long openedAt;

	private volatile long lastSeenAt;

	private volatile long lastPingAt;

	private volatile boolean closing;

	/**
	 * Seq of the last change frame sent (or of hello; -1 until hello is sent); confined
	 * to the mailbox.
	 */
	long lastSent = -1;

	/** Whether live changes are sent; before that they are held. Mailbox-confined. */
	boolean live;

	/** Live changes that arrived before the session went live. Mailbox-confined. */
	List<LiveChange> held = List.of();

	/**
	 * Whether {@code resume} came before {@code hello} could be sent, and its
	 * {@code since}. Mailbox-confined.
	 */
	boolean resumeAsked;

	Long resumeSince;

	/** Whether the wait for {@code resume} is over. Mailbox-confined. */
	boolean resumeWaitOver;

	/** What {@link #joinParts} answers for a message over the limit. */
	static final String TOO_BIG = new String("too big");

	/**
	 * The parts so far of a client message that comes in parts, and their bytes; null
	 * between messages. Only the container's reading thread touches them.
	 */
	private StringBuilder parts;

	private int partBytes;

	ClientSession(WebSocketSession socket, SessionIdentity identity, Mailbox mailbox, Executor executor,
			InboundRate inboundRate, long now) {
		this.socket = socket;
		this.identity = identity;
		this.mailbox = mailbox;
		this.executor = executor;
		this.inboundRate = inboundRate;
		this.openedAt = now;
		this.lastSeenAt = now;
		this.lastPingAt = now;
	}

	String id() {
		return this.socket.getId();
	}

	SessionIdentity identity() {
		return this.identity;
	}

	boolean isOpen() {
		return this.socket.isOpen();
	}

	boolean authenticated() {
		return this.identity.authenticated();
	}

	/** The {@code auth} frame's token was verified: the session now has its user. */
	void authenticate(SessionIdentity authenticated) {
		this.identity = authenticated;
	}

	/** Starts the wait for the {@code auth} frame of a handshake without a token. */
	void awaitAuth() {
		this.awaitingAuth.set(true);
	}

	/**
	 * Ends the wait for the {@code auth} frame: true only for the first caller (the
	 * frame, the deadline or the close), so that exactly one of them settles the
	 * connection.
	 */
	boolean stopAwaitingAuth() {
		return this.awaitingAuth.compareAndSet(true, false);
	}

	String userId() {
		return this.identity.userId();
	}

	String token() {
		return this.identity.token();
	}

	Locale locale() {
		return this.identity.locale();
	}

	Instant expiresAt() {
		return this.identity.expiresAt();
	}

	long openedAt() {
		return this.openedAt;
	}

	long lastSeenAt() {
		return this.lastSeenAt;
	}

	long lastPingAt() {
		return this.lastPingAt;
	}

	int pending() {
		return this.mailbox.size();
	}

	/** SockJS sessions have their own heartbeat and take no WebSocket pings. */
	boolean isSockJs() {
		return WebSocketSessionDecorator.unwrap(this.socket) instanceof SockJsSession;
	}

	void seen(long now) {
		this.lastSeenAt = now;
	}

	/**
	 * Adds one part of a client message: the whole message once its last part is in,
	 * {@code null} while parts are missing, {@link #TOO_BIG} when the parts exceed
	 * {@code maxBytes}.
	 */
	String joinParts(String part, int bytes, boolean last, int maxBytes) {
		if (last && this.parts == null) {
			return (bytes > maxBytes) ? TOO_BIG : part;
		}
		if (this.partBytes + bytes > maxBytes) {
			this.parts = null;
			this.partBytes = 0;
			return TOO_BIG;
		}
		if (this.parts == null) {
			this.parts = new StringBuilder();
		}
		this.parts.append(part);
		this.partBytes += bytes;
		if (!last) {
			return null;
		}
		String message = this.parts.toString();
		this.parts = null;
		this.partBytes = 0;
		return message;
	}

	boolean allowInbound(long now) {
		return this.inboundRate.tryAcquire(now);
	}

	/**
	 * Runs a task in this session's order; a full mailbox closes it as a slow consumer.
	 */
	void submit(Runnable task) {
		if (!this.mailbox.offer(task)) {
			close(CloseCodes.SLOW_CONSUMER);
		}
	}

	/** Writes a text frame; call from the mailbox. A failed write closes the session. */
	boolean send(String json) {
		return send(new TextMessage(json));
	}

	/**
	 * Writes a text message (a live change's, shared by the sessions of its locale); call
	 * from the mailbox. A failed write closes the session.
	 */
	boolean send(TextMessage message) {
		if (this.closing) {
			return false;
		}
		try {
			this.socket.sendMessage(message);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Send to session {} failed: {}", id(), ex.toString());
			close(CloseCodes.SLOW_CONSUMER);
			return false;
		}
	}

	/**
	 * Sends a WebSocket ping beside the mailbox, so a stuck send trips the decorator's
	 * limits.
	 */
	void ping(long now) {
		this.lastPingAt = now;
		this.executor.execute(() -> {
			try {
				this.socket.sendMessage(new PingMessage());
			}
			catch (IOException | RuntimeException ex) {
				close(CloseCodes.SLOW_CONSUMER);
			}
		});
	}

	/** Closes the connection without blocking the caller. */
	void close(CloseStatus status) {
		this.executor.execute(() -> closeNow(status));
	}

	/** Closes the connection, waiting for the close frame to be written. */
	void closeNow(CloseStatus status) {
		if (this.closing) {
			return;
		}
		this.closing = true;
		try {
			this.socket.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Close of session {} failed: {}", id(), ex.toString());
		}
	}

}
