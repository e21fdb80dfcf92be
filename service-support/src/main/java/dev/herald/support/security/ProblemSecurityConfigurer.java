package dev.herald.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;

/**
 * Makes every 401 and 403 of a security filter chain problem+json: the bearer token
 * filter's (an invalid token) and the exception handling's (no token, missing scope).
 * Applied to every chain by {@link HeraldSecurityAutoConfiguration}; it runs its
 * {@code init} before the resource server's, whose entry point it replaces.
 */
final class ProblemSecurityConfigurer extends AbstractHttpConfigurer<ProblemSecurityConfigurer, HttpSecurity> {

	private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();

	private final ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();

	@Override
	@SuppressWarnings("unchecked")
	public void init(HttpSecurity http) {
		OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer = http
			.getConfigurer(OAuth2ResourceServerConfigurer.class);
		if (resourceServer != null) {
			resourceServer.authenticationEntryPoint(this.entryPoint).accessDeniedHandler(this.accessDenied);
		}
		ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptions != null) {
			exceptions.authenticationEntryPoint(this.entryPoint).accessDeniedHandler(this.accessDenied);
		}
	}

}
