package dev.herald.push.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.herald.push.PushProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /v1/ws} (raw WebSocket) and {@code /v1/sockjs} (SockJS: WebSocket,
 * xhr-streaming, xhr-polling), both behind the origin allow-list and the
 * {@link HandshakeGuard}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

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
		registry.addHandler(this.handler, "/v1/ws").setAllowedOrigins(origins).addInterceptors(this.guard);
		registry.addHandler(this.handler, "/v1/sockjs")
			.setAllowedOrigins(origins)
			.addInterceptors(this.guard)
			.withSockJS()
			.setTaskScheduler(this.taskScheduler)
			.setHeartbeatTime(this.properties.pingInterval().toMillis())
			.setSessionCookieNeeded(false);
	}

	/**
	 * Limits of Tomcat's WebSocket container: inbound size, send timeout, idle backstop.
	 */
	@Bean
	static ServletServerContainerFactoryBean webSocketContainer(PushProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(properties.maxInboundMessageBytes());
		container.setMaxBinaryMessageBufferSize(properties.maxInboundMessageBytes());
		container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
		container.setMaxSessionIdleTimeout(properties.idleTimeout().multipliedBy(2).toMillis());
		return container;
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
