package dev.herald.push;

import java.util.Map;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compression is off by default: a browser's permessage-deflate offer is answered without
 * it (Tomcat would keep about 300 KB of zlib state per connection; see
 * {@code docs/benchmarks.md}).
 */
class HandshakeExtensionsTest extends GatewayTestSupport {

	HandshakeExtensionsTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void aBrowsersDeflateOfferIsAnsweredWithoutExtensions() {
		Map<String, String> answer = Upgrades.offer(this.port, TOKENS.user(newUser()), Upgrades.BROWSER_EXTENSIONS);

		assertThat(answer.get(":status")).isEqualTo("HTTP/1.1 101 ");
		assertThat(answer).containsEntry("upgrade", "websocket").doesNotContainKey("sec-websocket-extensions");
	}

}
