package dev.herald.push;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server pings a WebSocket peer only when it sent nothing for a ping interval: a
 * client that pings by itself (as herald-client.js does) gets no pings, a silent one
 * does.
 */
@TestPropertySource(properties = { "herald.push.ping-interval=1s", "herald.push.idle-timeout=10s" })
class PingTest extends GatewayTestSupport {

	PingTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void onlyAPeerThatSentNothingForAnIntervalIsPinged() {
		TestSocket silent = connectLive(newUser());
		TestSocket chatty = connectLive(newUser());
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try {
			timer.scheduleAtFixedRate(() -> chatty.send("{\"type\":\"ping\"}"), 0, 300, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(15)).until(() -> silent.pings() >= 3);
			assertThat(chatty.pings()).isZero();
			assertThat(chatty.frames("pong")).isNotEmpty();
			assertThat(chatty.closeCode()).isNull();
			assertThat(silent.closeCode()).isNull();
		}
		finally {
			timer.shutdownNow();
			silent.close();
			chatty.close();
		}
	}

}
