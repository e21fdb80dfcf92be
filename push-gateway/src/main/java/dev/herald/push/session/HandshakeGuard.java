package dev.herald.push.session;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.PushProperties;
import dev.herald.push.feed.NotificationsListener;
import dev.herald.schema.text.NotificationTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admits a handshake the security filter chain already authenticated: refuses it with 503
 * and {@code Retry-After} while the notifications feed is not yet positioned (just after
 * start) or when the instance is full, and records who the connection belongs to (user,
 * token, expiry, locale), or, for a handshake without a token, that the connection has to
 * authenticate with its first frame ({@link FirstFrameAuth}). A connection admitted
 * before the feed has its position could miss a change: one committed after the
 * connection's {@code hello} and {@code resume} were answered but published before the
 * feed positioned itself at the end would reach neither the catch-up nor the live stream.
 */
@Component
class HandshakeGuard implements HandshakeInterceptor {

	private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);

	private static final Duration QUERY_TOKEN_LOG_INTERVAL = Duration.ofMinutes(1);

	private final SessionRegistry registry;

	private final GatewayMetrics metrics;

	private final PushProperties properties;

	private final NotificationsListener feed;

	private final FirstFrameAuth auth;

	/** When the deprecated query token was last logged (System.nanoTime), or 0. */
	private final AtomicLong queryTokenLoggedAt = new AtomicLong();

	HandshakeGuard(SessionRegistry registry, GatewayMetrics metrics, PushProperties properties,
			NotificationsListener feed, FirstFrameAuth auth) {
		this.registry = registry;
		this.auth = auth;
		this.metrics = metrics;
		this.properties = properties;
		this.feed = feed;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (!this.feed.isReady()) {
			this.metrics.rejected("starting");
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return false;
		}
		if (this.registry.connections() + this.auth.waiting() >= this.properties.maxConnections()) {
			this.metrics.rejected("capacity");
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, String.valueOf(this.properties.retryAfter().toSeconds()));
			return false;
		}
		if (!(request.getPrincipal() instanceof JwtAuthenticationToken authentication)) {
			return admitWithoutToken(request, response, attributes);
		}
		Jwt jwt = authentication.getToken();
		countMethod(request);
		attributes.put(SessionIdentity.ATTRIBUTE,
				new SessionIdentity(jwt.getSubject(), jwt.getTokenValue(), jwt.getExpiresAt(), localeOf(request)));
		return true;
	}

	/**
	 * No token at all (a bad one was refused with 401 by the filter chain): the
	 * connection authenticates with its first frame, unless too many already wait for
	 * theirs.
	 */
	private boolean admitWithoutToken(ServerHttpRequest request, ServerHttpResponse response,
			Map<String, Object> attributes) {
		if (!this.auth.mayWait()) {
			this.metrics.rejected("auth_waiting");
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return false;
		}
		attributes.put(SessionIdentity.ATTRIBUTE, SessionIdentity.anonymous(localeOf(request)));
		return true;
	}

	/**
	 * Counts how the token came; the {@code access_token} query parameter is deprecated
	 * (proxies and access logs keep URLs): said so in the log at most once a minute, and
	 * counted, so operators see when the last old clients are gone.
	 */
	private void countMethod(ServerHttpRequest request) {
		if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			this.metrics.authenticated("header", "ok");
			return;
		}
		this.metrics.authenticated("query", "ok");
		long now = System.nanoTime();
		long last = this.queryTokenLoggedAt.get();
		if ((last == 0 || now - last > QUERY_TOKEN_LOG_INTERVAL.toNanos())
				&& this.queryTokenLoggedAt.compareAndSet(last, now)) {
			log.warn("A client sent its token in the access_token query parameter, which is deprecated (proxies "
					+ "and access logs keep URLs): send it in the first frame ({\"type\":\"auth\",\"token\":…}, "
					+ "herald-client 1.0 does) or in an Authorization header; "
					+ "herald.push.authentications{method=query} counts them");
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	/** The {@code locale} query parameter, else the first Accept-Language. */
	static Locale localeOf(ServerHttpRequest request) {
		String param = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("locale");
		if (param != null && !param.isBlank()) {
			return NotificationTexts.localeOf(param);
		}
		List<Locale> accepted = request.getHeaders().getAcceptLanguageAsLocales();
		return accepted.isEmpty() ? Locale.ENGLISH : NotificationTexts.localeOf(accepted.getFirst().toLanguageTag());
	}

}
