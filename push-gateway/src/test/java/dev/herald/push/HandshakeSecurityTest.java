package dev.herald.push;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import dev.herald.support.security.DevTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeSecurityTest extends GatewayTestSupport {

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

	@Test
	void refusesATokenForAnotherAudienceAndNoTokenAtAll() {
		String otherAudience = TOKENS.mint(newUser(), List.of(), Instant.now().plusSeconds(600), "another-app");

		assertThat(TestSocket.refusedStatus(ws(), otherAudience, null)).isEqualTo(401);
		assertThat(TestSocket.refusedStatus(ws(), null, null)).isEqualTo(401);
	}

	@Test
	void refusesAForeignOriginAndAdmitsAnAllowedOne() {
		String token = TOKENS.user(newUser());

		assertThat(TestSocket.refusedStatus(ws(), token, "https://evil.example")).isEqualTo(403);
		assertThat(TestSocket.refusedStatus(ws(), token, "http://localhost:8080")).isEqualTo(101);
	}

	@Test
	void acceptsTheTokenAsTheAccessTokenQueryParameter() {
		URI withToken = URI.create(ws() + "?access_token=" + TOKENS.user(newUser()));

		TestSocket socket = TestSocket.connect(withToken, null);

		awaitHello(socket);
		socket.close();
	}

}
