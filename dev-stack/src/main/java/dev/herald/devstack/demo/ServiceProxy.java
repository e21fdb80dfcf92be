package dev.herald.devstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.herald.support.security.DevTokens;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwards {@code /api/svc/<service>/<path>} to the real service with a dev token: the
 * demo user's ({@code X-Demo-User}), or an upstream service's with the scopes in
 * {@code X-Demo-Scopes}. The page thus calls the real APIs as their clients would.
 */
@RestController
class ServiceProxy {

	private static final String PREFIX = "/api/svc/";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final DevTokens tokens;

	private final DemoSettings settings;

	ServiceProxy(DevTokens tokens, DemoSettings settings) {
		this.tokens = tokens;
		this.settings = settings;
	}

	@RequestMapping(PREFIX + "{service}/**")
	ResponseEntity<String> forward(@PathVariable String service, HttpServletRequest request,
			@RequestHeader(name = "X-Demo-User", required = false) String user,
			@RequestHeader(name = "X-Demo-Scopes", required = false) String scopes,
			@RequestBody(required = false) String body) throws IOException, InterruptedException {
		String path = request.getRequestURI().substring((PREFIX + service).length());
		String query = (request.getQueryString() != null) ? "?" + request.getQueryString() : "";
		HttpRequest.Builder forwarded = HttpRequest
			.newBuilder(URI.create(this.settings.baseUrl(service) + path + query))
			.timeout(Duration.ofSeconds(10))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(user, scopes))
			.method(request.getMethod(),
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			forwarded.header(HttpHeaders.CONTENT_TYPE, request.getContentType());
		}
		if (request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null) {
			forwarded.header(HttpHeaders.ACCEPT_LANGUAGE, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
		}
		HttpResponse<String> response = this.http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
		return ResponseEntity.status(response.statusCode())
			.header(HttpHeaders.CONTENT_TYPE,
					response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("application/json"))
			.body(response.body());
	}

	private String token(String user, String scopes) {
		if (scopes != null && !scopes.isBlank()) {
			return this.tokens.service("herald-demo", scopes.split("[ ,]+"));
		}
		return this.tokens.user((user != null) ? user : "anonymous");
	}

}
