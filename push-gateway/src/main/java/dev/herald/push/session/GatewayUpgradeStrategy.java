package dev.herald.push.session;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * The upgrade to WebSocket, keeping per connection only what the gateway uses. Tomcat's
 * session and Spring's keep the handshake request for as long as the connection is open:
 * every header (cookies, user agent…), the query string with its {@code access_token},
 * the parameters and the authenticated principal with its whole JWT. By the upgrade the
 * handshake is done (token checked, {@link SessionIdentity} recorded), so both are handed
 * a request with just the handshake's own headers, no query and a principal that is only
 * the user id; Spring's session gets no copy of the headers at all.
 * <p>
 * And permessage-deflate only when {@code herald.push.permessage-deflate} is on: Tomcat's
 * deflate holds a zlib deflater and inflater with 32 KiB windows (the JDK cannot make
 * them smaller) for each connection while it is open, about 300 KB of native memory, and
 * notification frames are small. When it is off, the offer is not shown to Tomcat, which
 * then answers without {@code Sec-WebSocket-Extensions}.
 */
final class GatewayUpgradeStrategy extends StandardWebSocketUpgradeStrategy {

	private static final String EXTENSIONS = "sec-websocket-extensions";

	/** What Tomcat's and Spring's upgrades read; the rest stays out of the sessions. */
	private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "origin",
			"sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", EXTENSIONS);

	private final boolean deflate;

	GatewayUpgradeStrategy(boolean deflate) {
		this.deflate = deflate;
	}

	@Override
	protected List<WebSocketExtension> getInstalledExtensions(WebSocketContainer container) {
		return this.deflate ? super.getInstalledExtensions(container) : List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		Principal slim = (user != null) ? new UserPrincipal(user.getName()) : null;
		HttpServletRequest servlet = new HandshakeOnly(getHttpServletRequest(request), slim, this.deflate);
		super.upgrade(new WithoutHeaderCopy(servlet), response, selectedProtocol, selectedExtensions, slim, handler,
				attributes);
	}

	/**
	 * The request Spring's upgrade reads: Tomcat upgrades from the servlet request, and
	 * Spring would keep a copy of its headers in every session for as long as it is open
	 * (about 2 KB of maps and strings per connection for the handshake's own eight
	 * headers), which the gateway never reads. It gets none.
	 */
	static final class WithoutHeaderCopy extends ServletServerHttpRequest {

		WithoutHeaderCopy(HttpServletRequest servlet) {
			super(servlet);
		}

		@Override
		public HttpHeaders getHeaders() {
			return new HttpHeaders();
		}

	}

	/** The authenticated user, by id only. */
	record UserPrincipal(String getName) implements Principal {

	}

	/** The handshake request as the sessions should keep it. */
	static final class HandshakeOnly extends HttpServletRequestWrapper {

		private final Principal user;

		private final boolean deflate;

		HandshakeOnly(HttpServletRequest request, Principal user, boolean deflate) {
			super(request);
			this.user = user;
			this.deflate = deflate;
		}

		private boolean kept(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			return HANDSHAKE_HEADERS.contains(lower) && (this.deflate || !lower.equals(EXTENSIONS));
		}

		@Override
		public String getHeader(String name) {
			return kept(name) ? super.getHeader(name) : null;
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return kept(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections
				.enumeration(Collections.list(super.getHeaderNames()).stream().filter(this::kept).toList());
		}

		@Override
		public long getDateHeader(String name) {
			return kept(name) ? super.getDateHeader(name) : -1;
		}

		@Override
		public int getIntHeader(String name) {
			return kept(name) ? super.getIntHeader(name) : -1;
		}

		@Override
		public String getQueryString() {
			return null;
		}

		@Override
		public String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String[] getParameterValues(String name) {
			return null;
		}

		@Override
		public Principal getUserPrincipal() {
			return this.user;
		}

		@Override
		public HttpSession getSession(boolean create) {
			return create ? super.getSession(true) : null;
		}

	}

}
