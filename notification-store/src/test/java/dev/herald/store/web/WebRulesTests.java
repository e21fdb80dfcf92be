package dev.herald.store.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.store.Http;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.support.security.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every API of the store refuses, and how: tokens that say nobody or never expire,
 * Origin headers that are not origins, and every 4xx as problem+json.
 */
class WebRulesTests extends StoreIntegrationTest {

	WebRulesTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void aTokenWithoutSubjectOrExpiryOrWithTooLongALifeIsRefusedByEveryApi(DevTokens.Flaw flaw) {
		Http user = withToken(tokens.flawed(flaw, "u-" + UUID.randomUUID()));
		Http admin = withToken(tokens.flawed(flaw, "herald-admin", DevTokens.SCOPE_ADMIN));
		String victim = newUser();
		for (Response response : List.of(user.get("/v1/notifications"), user.get("/v1/notifications/unread-count"),
				user.get("/v1/preferences"), user.put("/v1/preferences", Map.of("locale", "es")),
				user.post("/v1/notifications/read-all", Map.of()), admin.get("/v1/admin/stats"),
				admin.get("/v1/admin/broadcasts"),
				admin.post("/v1/admin/broadcasts",
						Map.of("message", Map.of("title", "t"), "audience", Map.of("type", "ALL"))),
				admin.delete("/v1/admin/users/" + victim))) {
			assertProblem(response, 401);
			assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		}
		assertThat(count("SELECT count(*) FROM preferences WHERE user_id = ''")).isZero();
	}

	@Test
	void everyRefusalIsAProblem() {
		Http user = http(newUser());
		assertProblem(Http.anonymous(this.port).get("/v1/notifications"), 401);
		assertProblem(user.get("/v1/admin/stats"), 403);
		assertProblem(user.get("/v1/nothing-here"), 404);
		assertProblem(user.delete("/v1/preferences"), 405);
		assertProblem(user.raw(HttpMethod.PUT, "/v1/preferences", MediaType.TEXT_PLAIN, "locale=es", Map.of()), 415);
		assertProblem(user.get("/v1/notifications", Map.of(HttpHeaders.ACCEPT, "text/csv")), 406);
	}

	@Test
	void anUnreadableFormIsAProblemNamingTheParameters() {
		Response response = Http.anonymous(this.port)
			.raw(HttpMethod.POST, "/v1/unsubscribe", MediaType.APPLICATION_FORM_URLENCODED, "token=%zz%C0", Map.of());
		assertProblem(response, 400);
		assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("parameters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "garbage",
			"http://localhost:8080/", "http://" })
	void anOriginThatIsNotOneIsRefused(String origin) {
		Http user = http(newUser());
		assertProblem(user.get("/v1/notifications", Map.of(HttpHeaders.ORIGIN, origin)), 403);
		assertProblem(user.preflight("/v1/notifications", origin), 403);
		assertProblem(Http.anonymous(this.port)
			.raw(HttpMethod.POST, "/v1/unsubscribe?token=x", MediaType.APPLICATION_FORM_URLENCODED,
					"List-Unsubscribe=One-Click", Map.of(HttpHeaders.ORIGIN, origin)),
				403);
	}

	@Test
	void allowedAndForeignOriginsAreLeftToCors() {
		Http user = http(newUser());
		assertThat(user.get("/v1/notifications", Map.of(HttpHeaders.ORIGIN, "http://localhost:8080")).status())
			.isEqualTo(200);
		assertProblem(user.get("/v1/notifications", Map.of(HttpHeaders.ORIGIN, "https://evil.example")), 403);
		assertProblem(user.get("/v1/notifications", Map.of(HttpHeaders.ORIGIN, "null")), 403);
		assertProblem(user.preflight("/v1/notifications", "https://evil.example"), 403);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.contentType()).as(response.text()).startsWith("application/problem+json");
	}

}
