package dev.herald.push.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Connections to {@code /v1/ws} and {@code /v1/sockjs} need a valid JWT, checked by the
 * shared decoder of service-support (signature, expiry, issuer, audience, a non-blank
 * {@code sub}, an {@code exp}, a bounded lifetime): anything else is answered 401
 * problem+json before the upgrade, so {@link HandshakeTokenResolver}'s token always names
 * a user and expires. The client script, the demo page and the actuator endpoints are
 * public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/v1/ws", "/v1/ws/**", "/v1/sockjs/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer(
					(server) -> server.jwt(Customizer.withDefaults()).bearerTokenResolver(new HandshakeTokenResolver()))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
