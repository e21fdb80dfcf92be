package dev.herald.digest.emaillog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.herald.digest.DigestServiceTest;
import dev.herald.support.security.DevTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/admin/email-log} over real HTTP against the real log table.
 */
class EmailLogApiTests extends DigestServiceTest {

	static final DevTokens tokens = new DevTokens("herald-dev-secret-change-me-0123456789abcdef", "herald-dev",
			"herald");

	final EmailLog emailLog;

	final JsonMapper json;

	@Value("${local.server.port}")
	int port;

	String userA;

	List<UUID> idsOfA;

	EmailLogApiTests(EmailLog emailLog, JsonMapper json) {
		this.emailLog = emailLog;
		this.json = json;
	}

	@BeforeEach
	void logSomeMail() {
		this.userA = "u-" + UUID.randomUUID();
		UUID first = intent(this.userA, "2026-05-01T09:00:00Z");
		UUID second = intent(this.userA, "2026-05-02T09:00:00Z");
		UUID third = intent(this.userA, "2026-05-03T09:00:00Z");
		intent("u-" + UUID.randomUUID(), "2026-05-02T10:00:00Z");
		this.emailLog.markSent(first, Instant.parse("2026-05-01T09:00:01Z"));
		this.emailLog.markFailed(second, "SMTPSendFailedException: 550 mailbox unavailable",
				Instant.parse("2026-05-02T09:00:01Z"));
		this.idsOfA = List.of(third, second, first);
	}

	@Test
	void onlyAdminsMayReadTheLog() {
		assertThat(get("/v1/admin/email-log", null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("/v1/admin/email-log", tokens.user(this.userA)).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/v1/admin/email-log", admin()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void pagesThroughOneUsersMailNewestFirst() {
		JsonNode page = body(get("/v1/admin/email-log?userId=" + this.userA + "&limit=2", admin()));
		assertThat(digestIds(page)).containsExactly(this.idsOfA.get(0).toString(), this.idsOfA.get(1).toString());
		assertThat(page.get("items").get(1).get("status").asString()).isEqualTo("failed");
		assertThat(page.get("items").get(1).get("lastError").asString()).contains("550");

		String cursor = page.get("nextCursor").asString();
		JsonNode next = body(get("/v1/admin/email-log?userId=" + this.userA + "&limit=2&cursor=" + cursor, admin()));
		assertThat(digestIds(next)).containsExactly(this.idsOfA.get(2).toString());
		assertThat(next.get("items").get(0).get("status").asString()).isEqualTo("sent");
		assertThat(next.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void filtersByStatusAndTime() {
		JsonNode failed = body(get("/v1/admin/email-log?userId=" + this.userA + "&status=failed", admin()));
		assertThat(digestIds(failed)).containsExactly(this.idsOfA.get(1).toString());

		JsonNode window = body(
				get("/v1/admin/email-log?userId=" + this.userA + "&from=2026-05-02T00:00:00Z&to=2026-05-03T00:00:00Z",
						admin()));
		assertThat(digestIds(window)).containsExactly(this.idsOfA.get(1).toString());
		JsonNode item = window.get("items").get(0);
		assertThat(item.get("kind").asString()).isEqualTo("digest");
		assertThat(item.get("recipient").asString()).isEqualTo(this.userA + "@example.com");
		assertThat(item.get("itemIds").get(0).asString()).isEqualTo("n-1");
	}

	@Test
	void badParametersAreNamedInA400Problem() {
		assertBadRequest("status=bogus", "status");
		assertBadRequest("from=yesterday", "from");
		assertBadRequest("limit=0", "limit");
		assertBadRequest("limit=501", "limit");
		assertBadRequest("cursor=not-a-cursor", "cursor");
		assertBadRequest("from=2026-05-03T00:00:00Z&to=2026-05-02T00:00:00Z", "to");
	}

	private void assertBadRequest(String query, String field) {
		ResponseEntity<String> response = get("/v1/admin/email-log?" + query, admin());
		assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(body(response).get("errors").get(0).get("field").asString()).as(query).isEqualTo(field);
	}

	private UUID intent(String userId, String at) {
		UUID id = UUID.randomUUID();
		this.emailLog.recordIntent(new EmailIntent(id, userId, DigestKind.DIGEST, userId + "@example.com",
				"You have 1 new notification", List.of("n-1"), "<" + id + "@herald.local>"), Instant.parse(at));
		return id;
	}

	private static String admin() {
		return tokens.service("ops", DevTokens.SCOPE_ADMIN);
	}

	private ResponseEntity<String> get(String path, String token) {
		return RestClient.create("http://localhost:" + this.port).get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			}
		}).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(String.class);
	}

	private JsonNode body(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isLessThan(500);
		return this.json.readTree(response.getBody());
	}

	private static List<String> digestIds(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("digestId").asString()).toList();
	}

}
