package dev.herald.push.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A token that comes with a request to {@code /v1/ws} or {@code /v1/sockjs} (see
 * {@link HandshakeTokenResolver}) must be valid, checked by the shared decoder of
 * service-support (signature, expiry, issuer, audience, a non-blank {@code sub}, an
 * {@code exp}, a bounded lifetime): anything else is answered 401 problem+json before the
 * upgrade. A handshake without any token is let through: that connection authenticates
 * with its first frame, checked by the same decoder, and gets nothing before (session's
 * {@code FirstFrameAuth}). The client script, the demo page and the actuator endpoints
 * are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.oauth2ResourceServer(
					(server) -> server.jwt(Customizer.withDefaults()).bearerTokenResolver(new HandshakeTokenResolver()))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
