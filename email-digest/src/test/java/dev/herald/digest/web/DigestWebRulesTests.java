package dev.herald.digest.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.herald.digest.DigestServiceTest;
import dev.herald.support.security.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's admin API over real HTTP: tokens that say nobody or never expire are
 * refused even with the admin scope, an Origin that is not one is a 403, and every 4xx is
 * problem+json.
 */
class DigestWebRulesTests extends DigestServiceTest {

	private static final DevTokens TOKENS = new DevTokens("herald-dev-secret-change-me-0123456789abcdef", "herald-dev",
			"herald");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void aTokenWithoutSubjectOrExpiryOrWithTooLongALifeIsRefused(DevTokens.Flaw flaw) throws Exception {
		HttpResponse<String> response = get("/v1/admin/email-log", TOKENS.flawed(flaw, "ops", DevTokens.SCOPE_ADMIN),
				null);
		assertProblem(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("invalid_token"));
	}

	@Test
	void everyRefusalIsAProblem() throws Exception {
		String admin = TOKENS.service("ops", DevTokens.SCOPE_ADMIN);
		assertProblem(get("/v1/admin/email-log", null, null), 401);
		assertProblem(get("/v1/admin/email-log", TOKENS.user("u-1"), null), 403);
		assertProblem(get("/v1/admin/nothing-here", admin, null), 404);
		assertProblem(get("/v1/admin/email-log?limit=many", admin, null), 400);
		HttpResponse<String> post = HTTP
			.send(request("/v1/admin/email-log", admin).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertProblem(post, 405);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "garbage", "http://" })
	void anOriginThatIsNotOneIsRefused(String origin) throws Exception {
		assertProblem(get("/v1/admin/email-log", TOKENS.service("ops", DevTokens.SCOPE_ADMIN), origin), 403);
	}

	private HttpRequest.Builder request(String path, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		return (bearer != null) ? request.header("Authorization", "Bearer " + bearer) : request;
	}

	private HttpResponse<String> get(String path, String bearer, String origin) throws Exception {
		HttpRequest.Builder request = request(path, bearer).GET();
		if (origin != null) {
			request.header("Origin", origin);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

}
