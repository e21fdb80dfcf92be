package dev.herald.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages that load the client from the gateway, as before it was a package, get the
 * package's module at the same URL.
 */
class ClientScriptTest extends GatewayTestSupport {

	ClientScriptTest(NotificationsListener feed, SessionRegistry registry) {
		super(feed, registry);
	}

	@Test
	void servesTheHeraldClientPackagesModuleAtHeraldClientJs() throws Exception {
		HttpResponse<String> script = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/herald-client.js")).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).matches("(text|application)/javascript.*"));
		assertThat(script.body())
			.isEqualTo(Files.readString(Path.of("src/main/js/herald-client/herald-client.js"), StandardCharsets.UTF_8));
	}

}
