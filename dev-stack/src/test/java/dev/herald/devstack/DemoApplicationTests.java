package dev.herald.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.sun.net.httpserver.HttpServer;
import dev.herald.devstack.demo.DemoApplication;
import dev.herald.devstack.demo.DemoSettings;
import dev.herald.testinfra.FreePorts;
import dev.herald.testinfra.MqttBroker;
import dev.herald.testinfra.SmtpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo server against real servers: it forwards calls to a service with the demo
 * user's dev token, and shows what the SMTP and MQTT servers received.
 */
class DemoApplicationTests {

	static final HttpClient http = HttpClient.newHttpClient();

	static final AtomicReference<String> forwardedAuthorization = new AtomicReference<>();

	static SmtpServer smtp;

	static MqttBroker mqtt;

	static HttpServer store;

	static ConfigurableApplicationContext demo;

	static int port;

	@BeforeAll
	static void start() throws IOException {
		smtp = SmtpServer.start();
		mqtt = MqttBroker.startEmbedded();
		store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		store.createContext("/v1/notifications", (exchange) -> {
			forwardedAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] body = ("{\"path\":\"" + exchange.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		store.start();
		port = FreePorts.find();
		DemoSettings settings = new DemoSettings(
				Map.of("store", "http://127.0.0.1:" + store.getAddress().getPort(), "push", "http://127.0.0.1:1"),
				DemoSettings.DEV_SECRET, "herald-dev", "herald", mqtt.host(), mqtt.port(), "makapix");
		demo = DemoApplication.start(settings, smtp::receivedMessages, port);
	}

	@AfterAll
	static void stop() {
		demo.close();
		store.stop(0);
		mqtt.close();
		smtp.close();
	}

	@Test
	void forwardsToTheServiceWithTheDemoUsersToken() throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(base() + "/api/svc/store/v1/notifications?limit=5"))
				.header("X-Demo-User", "u-ana")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("/v1/notifications?limit=5");
		String token = forwardedAuthorization.get().substring("Bearer ".length());
		assertThat(demo.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("u-ana");
	}

	@Test
	void showsTheMailsTheSmtpServerReceived() throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", smtp.host());
		properties.put("mail.smtp.port", Integer.toString(smtp.port()));
		MimeMessage mail = new MimeMessage(Session.getInstance(properties));
		mail.setFrom("digest@herald.test");
		mail.setRecipient(Message.RecipientType.TO, new InternetAddress("ana@herald.test"));
		mail.setSubject("You have 3 new notifications");
		mail.setContent("<p>Three things</p>", "text/html; charset=utf-8");
		Transport.send(mail);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/api/mailbox")).contains("You have 3 new notifications"));
		HttpResponse<String> shown = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/mailbox/0")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(shown.body()).contains("<p>Three things</p>");
		assertThat(shown.headers().firstValue("X-Frame-Options")).as("the page frames the mail").hasValue("SAMEORIGIN");
	}

	@Test
	void showsWhatPlayersReceivedOverMqtt() throws Exception {
		Mqtt5BlockingClient player = MqttClient.builder()
			.useMqttVersion5()
			.serverHost(mqtt.host())
			.serverPort(mqtt.port())
			.buildBlocking();
		player.connect();
		player.publishWith()
			.topic("makapix/player/desk/unread")
			.payload("{\"unread\":4}".getBytes())
			.retain(true)
			.send();
		player.disconnect();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/api/mqtt?player=desk")).contains("makapix/player/desk/unread"));
		assertThat(get("/api/mqtt?player=other")).isEqualTo("[]");
		assertThat(get("/api/mqtt?player=other&player=desk")).contains("makapix/player/desk/unread");
		assertThat(get("/api/mqtt?player=desk2")).isEqualTo("[]");
	}

	@Test
	void mintsSessionsForDemoUsers() throws Exception {
		assertThat(get("/api/users")).contains("\"handle\":\"ana\"");
		String token = JsonMapper.shared().readTree(get("/api/session?user=u-bruno")).get("token").asString();
		assertThat(demo.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("u-bruno");
		assertThat(get("/index.html")).contains("Herald demo");
	}

	private static String get(String path) throws IOException, InterruptedException {
		return http
			.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String base() {
		return "http://127.0.0.1:" + port;
	}

}
