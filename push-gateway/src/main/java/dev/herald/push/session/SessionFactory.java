package dev.herald.push.session;

import java.util.concurrent.ExecutorService;

import dev.herald.push.PushProperties;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/** Creates sessions that share one virtual-thread executor for their mailboxes. */
@Component
class SessionFactory {

	private final ExecutorService executor;

	private final PushProperties properties;

	SessionFactory(ExecutorService sessionExecutor, PushProperties properties) {
		this.executor = sessionExecutor;
		this.properties = properties;
	}

	ClientSession create(WebSocketSession socket, SessionIdentity identity) {
		long now = System.nanoTime();
		return new ClientSession(socket, identity, new Mailbox(this.executor, this.properties.maxPendingFrames()),
				this.executor, new InboundRate(this.properties.inboundPerSecond(), this.properties.inboundBurst(), now),
				now);
	}

}
