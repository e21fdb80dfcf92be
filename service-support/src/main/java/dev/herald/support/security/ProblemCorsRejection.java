package dev.herald.support.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

/**
 * The CORS filter of every security filter chain refuses a foreign origin with a
 * problem+json 403, not Spring's plain-text "Invalid CORS request".
 */
final class ProblemCorsRejection extends DefaultCorsProcessor implements BeanPostProcessor {

	private static final byte[] PROBLEM = ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
			+ "\"detail\":\"This origin, method or header is not allowed to call this API (CORS)\"}")
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SecurityFilterChain chain) {
			chain.getFilters()
				.stream()
				.filter(CorsFilter.class::isInstance)
				.forEach((filter) -> ((CorsFilter) filter).setCorsProcessor(this));
		}
		return bean;
	}

	@Override
	protected void rejectRequest(ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getBody().write(PROBLEM);
		response.flush();
	}

}
