package dev.herald.support.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 403, before anything else reads it, an {@code Origin} header that is not
 * an origin: Spring's CORS and WebSocket origin checks parse it and throw on a port that
 * is not a number ({@code http://localhost:8080.evil.example}), which would be a 500.
 * {@code null} (sent by sandboxed and no-referrer pages) passes: the CORS and handshake
 * rules of each endpoint decide about it.
 */
class OriginFilter extends OncePerRequestFilter {

	private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");

	private static final int MAX_PORT = 65_535;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> origins = Collections.list(request.getHeaders(HttpHeaders.ORIGIN));
		if (origins.size() > 1 || (origins.size() == 1 && !isOrigin(origins.getFirst()))) {
			HeraldErrorController.sendError(request, response, HttpServletResponse.SC_FORBIDDEN,
					"The Origin header must be one origin, scheme://host[:port], or null");
			return;
		}
		chain.doFilter(request, response);
	}

	/** Whether {@code value} is a serialized origin (RFC 6454) or {@code null}. */
	static boolean isOrigin(String value) {
		if ("null".equals(value)) {
			return true;
		}
		try {
			URI uri = new URI(value);
			return uri.getScheme() != null && SCHEME.matcher(uri.getScheme()).matches() && uri.getHost() != null
					&& uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
					&& uri.getRawFragment() == null && uri.getPort() <= MAX_PORT && !value.endsWith(":");
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
