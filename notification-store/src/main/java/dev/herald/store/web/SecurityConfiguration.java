package dev.herald.store.web;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless JWT bearer authentication for {@code /v1/**} ({@code sub} is the user),
 * {@code notifications:admin} scope for {@code /v1/admin/**}, open health, metrics and
 * the OpenAPI description, and open unsubscribe links (their signed token is the
 * credential) and batched unread counts (each user's own token in the body is).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health/**", "/actuator/health")
				.permitAll()
				.requestMatchers("/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				.requestMatchers("/v1/unsubscribe", "/v1/unsubscribe/**")
				.permitAll()
				// every user in the body is named by their own token, which the endpoint
				// verifies
				.requestMatchers(HttpMethod.POST, "/v1/notifications/unread-count:batch")
				.permitAll()
				.requestMatchers("/v1/admin/**")
				.hasAuthority("SCOPE_notifications:admin")
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.cors(Customizer.withDefaults())
			.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(StoreProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT_LANGUAGE,
				HttpHeaders.ACCEPT));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/v1/unsubscribe", unsubscribeCors());
		source.registerCorsConfiguration("/v1/unsubscribe/**", unsubscribeCors());
		source.registerCorsConfiguration("/v1/**", cors);
		return source;
	}

	/**
	 * Unsubscribe links are posted from anywhere: mail clients, and the link's own page,
	 * whose no-referrer policy makes browsers send {@code Origin: null}. They carry no
	 * credentials, only the signed token.
	 */
	private static CorsConfiguration unsubscribeCors() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOriginPattern(CorsConfiguration.ALL);
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowCredentials(false);
		return cors;
	}

}
