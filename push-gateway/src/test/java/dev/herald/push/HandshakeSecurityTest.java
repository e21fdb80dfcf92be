package dev.herald.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import dev.herald.support.security.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeSecurityTest extends GatewayTestSupport {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	HandshakeSecurityTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void refusesAnExpiredTokenBeforeTheUpgrade() {
		String expired = TOKENS.mint(newUser(), List.of(), Instant.now().minus(Duration.ofMinutes(5)), "herald");

		assertThat(TestSocket.refusedStatus(ws(), expired, null)).isEqualTo(401);
	}

	@Test
	void refusesATokenWithABadSignature() {
		DevTokens forger = new DevTokens("not-the-secret-of-this-deployment-0123456789", "herald-dev", "herald");

		assertThat(TestSocket.refusedStatus(ws(), forger.user(newUser()), null)).isEqualTo(401);
	}

	/**
	 * Without any token the upgrade goes through: the connection authenticates with its
	 * first frame (FirstFrameAuthTest).
	 */
	@Test
	void refusesATokenForAnotherAudienceButUpgradesWithoutAnyToken() {
		String otherAudience = TOKENS.mint(newUser(), List.of(), Instant.now().plusSeconds(600), "another-app");

		assertThat(TestSocket.refusedStatus(ws(), otherAudience, null)).isEqualTo(401);
		assertThat(TestSocket.refusedStatus(ws(), null, null)).isEqualTo(101);
	}

	@Test
	void refusesAForeignOriginAndAdmitsAnAllowedOne() {
		String token = TOKENS.user(newUser());

		assertThat(TestSocket.refusedStatus(ws(), token, "https://evil.example")).isEqualTo(403);
		assertThat(TestSocket.refusedStatus(ws(), token, "http://localhost:8080")).isEqualTo(101);
	}

	/**
	 * Signed right, for the right issuer and audience: still no session, over either way
	 * in.
	 */
	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void refusesATokenWithoutSubjectOrExpiryOrWithTooLongALife(DevTokens.Flaw flaw) throws Exception {
		String token = TOKENS.flawed(flaw, newUser());

		assertThat(TestSocket.refusedStatus(ws(), token, null)).isEqualTo(401);
		assertThat(TestSocket.refusedStatus(URI.create(ws() + "?access_token=" + token), null, null)).isEqualTo(401);
		HttpResponse<String> info = http(get("/v1/sockjs/info?access_token=" + token));
		assertProblem(info, 401);
		HttpResponse<String> transport = http(
				request("/v1/sockjs/000/" + UUID.randomUUID() + "/xhr_streaming?access_token=" + token)
					.POST(HttpRequest.BodyPublishers.noBody()));
		assertProblem(transport, 401);
		assertThat(http(get("/v1/sockjs/info?access_token=" + TOKENS.user(newUser()))).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "garbage", "null",
			"http://localhost:8080/", "http://" })
	void refusesAnOriginThatIsNotAllowedWhateverItsShape(String origin) throws Exception {
		String token = TOKENS.user(newUser());

		assertThat(TestSocket.refusedStatus(ws(), token, origin)).isEqualTo(403);
		HttpResponse<String> info = http(get("/v1/sockjs/info?access_token=" + token).header("Origin", origin));
		assertThat(info.statusCode()).as(info.body()).isEqualTo(403);
	}

	@Test
	void acceptsTheTokenAsTheAccessTokenQueryParameter() {
		URI withToken = URI.create(ws() + "?access_token=" + TOKENS.user(newUser()));

		TestSocket socket = TestSocket.connect(withToken, null);

		awaitHello(socket);
		socket.close();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

}
