package dev.herald.push;

import java.util.Map;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code herald.push.permessage-deflate=true}, a browser's offer is accepted. */
@TestPropertySource(properties = "herald.push.permessage-deflate=true")
class DeflateEnabledHandshakeTest extends GatewayTestSupport {

	DeflateEnabledHandshakeTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void aBrowsersDeflateOfferIsAccepted() {
		Map<String, String> answer = Upgrades.offer(this.port, TOKENS.user(newUser()), Upgrades.BROWSER_EXTENSIONS);

		assertThat(answer.get(":status")).isEqualTo("HTTP/1.1 101 ");
		assertThat(answer).containsEntry("sec-websocket-extensions", "permessage-deflate;client_max_window_bits=15");
	}

}
