package dev.herald.push.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.herald.push.PushProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * {@code /v1/ws} (raw WebSocket) and {@code /v1/sockjs} (SockJS: WebSocket,
 * xhr-streaming, xhr-polling), both behind the origin allow-list and the
 * {@link HandshakeGuard}; a connection without a token at its handshake authenticates
 * with its first frame ({@link FirstFrameAuth}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(FirstFrameAuthProperties.class)
class WebSocketConfig implements WebSocketConfigurer {

	/** Characters of a client message Tomcat buffers per connection before a part. */
	static final int CLIENT_MESSAGE_BUFFER = 256;

	static final String FRAME_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	/** Bytes of each of Tomcat's three WebSocket frame buffers per connection. */
	static final int FRAME_BUFFER = 1024;

	static final int SOCKET_READ_BUFFER = 1024;

	static final int SOCKET_WRITE_BUFFER = 1024;

	private final GatewayHandler handler;

	private final HandshakeGuard guard;

	private final PushProperties properties;

	private final ThreadPoolTaskScheduler taskScheduler;

	WebSocketConfig(GatewayHandler handler, HandshakeGuard guard, PushProperties properties,
			ThreadPoolTaskScheduler taskScheduler) {
		this.handler = handler;
		this.guard = guard;
		this.properties = properties;
		this.taskScheduler = taskScheduler;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		String[] origins = this.properties.allowedOrigins().toArray(String[]::new);
		DefaultHandshakeHandler handshake = new DefaultHandshakeHandler(
				new GatewayUpgradeStrategy(this.properties.permessageDeflate()));
		registry.addHandler(this.handler, "/v1/ws")
			.setAllowedOrigins(origins)
			.addInterceptors(this.guard)
			.setHandshakeHandler(handshake);
		registry.addHandler(this.handler, "/v1/sockjs")
			.setAllowedOrigins(origins)
			.addInterceptors(this.guard)
			// before withSockJS(), so that its WebSocket transport upgrades the same way
			.setHandshakeHandler(handshake)
			.withSockJS()
			.setTaskScheduler(this.taskScheduler)
			.setHeartbeatTime(this.properties.pingInterval().toMillis())
			.setSessionCookieNeeded(false);
	}

	/**
	 * Tomcat's WebSocket container: per-connection read buffers, send timeout, idle
	 * backstop. Each connection keeps its text and binary message buffers for as long as
	 * it is open; client messages are small and the handler takes larger ones in parts,
	 * so {@link #CLIENT_MESSAGE_BUFFER} is enough (the limit on a whole message is
	 * {@code herald.push.max-inbound-message-bytes}, checked by the handler).
	 */
	@Bean
	static ServletServerContainerFactoryBean webSocketContainer(PushProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int buffer = Math.min(CLIENT_MESSAGE_BUFFER, properties.maxInboundMessageBytes());
		container.setMaxTextMessageBufferSize(buffer);
		// the raw bytes of text messages pass through the binary buffer on their way in
		container.setMaxBinaryMessageBufferSize(buffer);
		container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
		container.setMaxSessionIdleTimeout(properties.idleTimeout().multipliedBy(2).toMillis());
		return container;
	}

	/**
	 * Tomcat's buffers per connection, which an open WebSocket keeps for as long as it is
	 * open: the socket's read and write buffers ({@code socket.appReadBufSize},
	 * {@code socket.appWriteBufSize}: 8 KiB each by default) and the WebSocket frame
	 * buffers (incoming frame, outgoing frame, text encoding: 8 KiB each by default, the
	 * JVM-wide {@value #FRAME_BUFFER_PROPERTY}, set here before Tomcat starts unless
	 * given with {@code -D}). Client messages are a few dozen bytes and a notification
	 * frame about 1–2 KB, so smaller buffers only cost an extra write for the rare larger
	 * frame, and a text frame above the frame buffer is sent in fragments.
	 */
	@Bean
	static TomcatConnectorCustomizer smallConnectionBuffers() {
		if (System.getProperty(FRAME_BUFFER_PROPERTY) == null) {
			System.setProperty(FRAME_BUFFER_PROPERTY, Integer.toString(FRAME_BUFFER));
		}
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_READ_BUFFER));
			connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_WRITE_BUFFER));
		};
	}

	/** Runs session mailboxes, closes and store calls: a virtual thread per task. */
	@Bean(destroyMethod = "shutdownNow")
	static ExecutorService sessionExecutor() {
		return Executors.newVirtualThreadPerTaskExecutor();
	}

	/**
	 * Timers (sweeps, resume waits, SockJS heartbeats); tasks only hand work to
	 * mailboxes.
	 */
	@Bean
	@Primary
	static ThreadPoolTaskScheduler taskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("push-timer-");
		return scheduler;
	}

}
