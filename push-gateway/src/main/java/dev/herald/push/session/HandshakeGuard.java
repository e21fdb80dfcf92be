package dev.herald.push.session;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.PushProperties;
import dev.herald.push.feed.NotificationsListener;
import dev.herald.schema.text.NotificationTexts;

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
 * token, expiry, locale). A connection admitted before the feed has its position could
 * miss a change: one committed after the connection's {@code hello} and {@code resume}
 * were answered but published before the feed positioned itself at the end would reach
 * neither the catch-up nor the live stream.
 */
@Component
class HandshakeGuard implements HandshakeInterceptor {

	private final SessionRegistry registry;

	private final GatewayMetrics metrics;

	private final PushProperties properties;

	private final NotificationsListener feed;

	HandshakeGuard(SessionRegistry registry, GatewayMetrics metrics, PushProperties properties,
			NotificationsListener feed) {
		this.registry = registry;
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
		if (this.registry.connections() >= this.properties.maxConnections()) {
			this.metrics.rejected("capacity");
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, String.valueOf(this.properties.retryAfter().toSeconds()));
			return false;
		}
		if (!(request.getPrincipal() instanceof JwtAuthenticationToken authentication)) {
			this.metrics.rejected("unauthenticated");
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		Jwt jwt = authentication.getToken();
		attributes.put(SessionIdentity.ATTRIBUTE,
				new SessionIdentity(jwt.getSubject(), jwt.getTokenValue(), jwt.getExpiresAt(), localeOf(request)));
		return true;
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
