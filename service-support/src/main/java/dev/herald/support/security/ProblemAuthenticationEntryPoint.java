package dev.herald.support.security;

import java.io.IOException;

import dev.herald.support.web.HeraldErrorController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a missing or invalid bearer token: the RFC 6750 {@code WWW-Authenticate}
 * header, and a problem+json body saying what was wrong with the token.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.bearer.commence(request, response, ex);
		HeraldErrorController.sendError(request, response, response.getStatus(), detail(ex));
	}

	private static String detail(AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
			return oauth.getError().getDescription();
		}
		return "A valid bearer token is required";
	}

}
