package dev.herald.push.session;

import java.util.Collections;

import dev.herald.push.session.GatewayUpgradeStrategy.HandshakeOnly;
import dev.herald.push.session.GatewayUpgradeStrategy.UserPrincipal;
import dev.herald.push.session.GatewayUpgradeStrategy.WithoutHeaderCopy;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayUpgradeStrategyTest {

	@Test
	void theSessionsKeepOnlyTheHandshakesOwnHeadersNoQueryAndTheUserId() {
		HandshakeOnly kept = new HandshakeOnly(browserUpgrade(), new UserPrincipal("ana"), false);

		assertThat(Collections.list(kept.getHeaderNames())).containsExactlyInAnyOrder("Host", "Upgrade", "Connection",
				"Origin", "Sec-WebSocket-Key", "Sec-WebSocket-Version");
		assertThat(kept.getHeader("Cookie")).isNull();
		assertThat(kept.getHeaders("User-Agent").hasMoreElements()).isFalse();
		assertThat(kept.getHeader("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(kept.getQueryString()).isNull();
		assertThat(kept.getParameterMap()).isEmpty();
		assertThat(kept.getParameter("access_token")).isNull();
		assertThat(kept.getUserPrincipal()).isEqualTo(new UserPrincipal("ana"));
		assertThat(kept.getSession(false)).isNull();
	}

	@Test
	void springsSessionGetsNoCopyOfTheHeadersWhileTomcatUpgradesFromTheHandshake() {
		HandshakeOnly handshake = new HandshakeOnly(browserUpgrade(), null, false);
		WithoutHeaderCopy request = new WithoutHeaderCopy(handshake);

		assertThat(request.getHeaders().isEmpty()).isTrue();
		assertThat(request.getServletRequest()).isSameAs(handshake);
		assertThat(request.getServletRequest().getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@Test
	void theDeflateOfferIsShownOnlyWhenDeflateIsOn() {
		assertThat(new HandshakeOnly(browserUpgrade(), null, false).getHeader("Sec-WebSocket-Extensions")).isNull();
		assertThat(new HandshakeOnly(browserUpgrade(), null, true).getHeader("Sec-WebSocket-Extensions"))
			.isEqualTo("permessage-deflate; client_max_window_bits");
	}

	private static MockHttpServletRequest browserUpgrade() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/ws");
		request.setQueryString("access_token=eyJhbGciOiJIUzI1NiJ9.e30.x&locale=pt");
		request.addParameter("access_token", "eyJhbGciOiJIUzI1NiJ9.e30.x");
		request.addHeader("Host", "push.example.com");
		request.addHeader("Upgrade", "websocket");
		request.addHeader("Connection", "Upgrade");
		request.addHeader("Origin", "https://app.example.com");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		request.addHeader("Sec-WebSocket-Version", "13");
		request.addHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
		request.addHeader("Cookie", "session=" + "c".repeat(2000));
		request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
		request.addHeader("Accept-Language", "pt-BR,pt;q=0.9");
		request.getSession(true);
		return request;
	}

}
