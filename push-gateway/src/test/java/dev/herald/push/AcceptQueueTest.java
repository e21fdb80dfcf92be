package dev.herald.push;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ramp of thousands of connections waits in the kernel's accept queue, not in SYN
 * retransmissions: Tomcat's backlog of 100 made the kernel drop 130 of 10,000 clients
 * connecting at once in the benchmark, each retrying a second or more later.
 */
class AcceptQueueTest extends GatewayTestSupport {

	private final WebServerApplicationContext context;

	AcceptQueueTest(NotificationsListener feed, SessionRegistry registry, WebServerApplicationContext context) {
		super(feed, registry);
		this.context = context;
	}

	@Test
	void theConnectorAsksForAnAcceptQueueOf4096() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		assertThat(server.getTomcat().getConnector().getProperty("acceptCount")).isEqualTo(4096);
	}

}
