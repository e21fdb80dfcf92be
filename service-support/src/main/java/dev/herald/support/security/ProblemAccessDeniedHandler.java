package dev.herald.support.security;

import java.io.IOException;

import dev.herald.support.web.HeraldErrorController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 for a valid token without the scope a path needs: the RFC 6750
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} header and a problem+json
 * body.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.bearer.handle(request, response, ex);
		HeraldErrorController.sendError(request, response, HttpServletResponse.SC_FORBIDDEN,
				"The token does not allow this request (missing scope, or not for this path)");
	}

}
