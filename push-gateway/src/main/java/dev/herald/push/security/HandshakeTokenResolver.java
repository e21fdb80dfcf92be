package dev.herald.push.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The bearer token from the {@code Authorization} header, else from the
 * {@code access_token} query parameter of any method: SockJS sends its transport requests
 * as POSTs with the query string of the URL the client was given. The query parameter is
 * deprecated (URLs end up in proxy and access logs) and kept for clients older than
 * herald-client 1.0, which send the token in their first frame instead.
 */
class HandshakeTokenResolver implements BearerTokenResolver {

	private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

	@Override
	public String resolve(HttpServletRequest request) {
		String token = this.header.resolve(request);
		if (token != null || request.getQueryString() == null) {
			return token;
		}
		String param = UriComponentsBuilder.newInstance()
			.query(request.getQueryString())
			.build()
			.getQueryParams()
			.getFirst("access_token");
		return StringUtils.hasText(param) ? param : null;
	}

}
