package dev.herald.device.registry;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import dev.herald.device.DeviceProperties;
import dev.herald.device.GatewayIntegrationTest;
import dev.herald.device.MutableClock;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.FreePorts;
import dev.herald.testinfra.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry API over real HTTP as players' apps and admin services call it: tokens
 * that say nobody or never expire are refused, a PUT body is read strictly (a misspelt
 * {@code minIntervalSecond} no longer resets the interval to 60), and every 4xx is
 * problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeviceWebRulesTests extends GatewayIntegrationTest {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	DeviceWebRulesTests(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties) {
		super(mvc, clock, jdbc, properties);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, db, "tcp://127.0.0.1:" + FreePorts.find());
	}

	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void aTokenWithoutSubjectOrExpiryOrWithTooLongALifeIsRefused(DevTokens.Flaw flaw) throws Exception {
		String user = tokens.flawed(flaw, newId("user"));
		String admin = tokens.flawed(flaw, "admin-console", DevTokens.SCOPE_ADMIN);
		for (HttpResponse<String> response : List.of(send("GET", "/v1/devices", user, null),
				send("PUT", "/v1/devices/" + newId("desk"), user, "{\"name\":\"Desk\"}"),
				send("GET", "/v1/users/u-1/devices", admin, null),
				send("DELETE", "/v1/users/u-1/devices/desk", admin, null))) {
			assertProblem(response, 401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).contains("invalid_token"));
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM device.player WHERE user_id = ''").query(Integer.class).single())
			.isZero();
	}

	@Test
	void aMisspeltOrMistypedFieldIsNamedAndNothingIsStored() throws Exception {
		String owner = tokens.user(newId("user"));
		String key = newId("desk");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":\"Desk\",\"minIntervalSecond\":5}"),
				"minIntervalSecond");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":\"Desk\",\"minIntervalSeconds\":\"30\"}"),
				"minIntervalSeconds");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":\"Desk\",\"minIntervalSeconds\":2.5}"),
				"minIntervalSeconds");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":12345}"), "name");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":\"Desk\",\"enabled\":1}"), "enabled");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":\"Desk\",\"enabled\":\"true\"}"), "enabled");
		assertBadField(send("PUT", "/v1/devices/" + key, owner, "{\"name\":\"De\\ud800sk\"}"), "name");
		assertBadField(
				send("PUT", "/v1/devices/" + key, owner,
						"{\"name\":\"Desk\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"tz\":\"UTC\"}}"),
				"quietHours.tz");
		for (String bad : List.of("c0af", "eda080", "f4908080", "e282")) {
			assertBadField(sendBytes("PUT", "/v1/devices/" + key, owner, "{\"name\":\"Desk", bad, "\"}"), "name");
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM device.player WHERE player_key = ?")
			.param(key)
			.query(Integer.class)
			.single()).isZero();
		HttpResponse<String> good = send("PUT", "/v1/devices/" + key, owner,
				"{\"name\":\"Desk 🔥\",\"enabled\":true,\"minIntervalSeconds\":30}");
		assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
		assertThat(JSON.readTree(good.body()).get("minIntervalSeconds").asInt()).isEqualTo(30);
	}

	@Test
	void everyRefusalIsAProblem() throws Exception {
		String owner = tokens.user(newId("user"));
		assertProblem(send("GET", "/v1/devices", null, null), 401);
		assertProblem(send("GET", "/v1/users/u-1/devices", owner, null), 403);
		assertProblem(send("GET", "/v1/nothing-here", owner, null), 403);
		assertProblem(send("POST", "/v1/devices", owner, "{}"), 405);
		assertProblem(send("GET", "/v1/devices/" + newId("desk"), owner, null), 404);
		HttpResponse<String> text = HTTP
			.send(request("/v1/devices/" + newId("desk"), owner).header("Content-Type", "text/plain")
				.PUT(HttpRequest.BodyPublishers.ofString("Desk"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(text, 415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "garbage", "http://" })
	void anOriginThatIsNotOneIsRefused(String origin) throws Exception {
		HttpResponse<String> response = HTTP.send(
				request("/v1/devices", tokens.user(newId("user"))).header("Origin", origin).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(response, 403);
		HttpResponse<String> preflight = HTTP.send(request("/v1/devices", null).header("Origin", origin)
			.header("Access-Control-Request-Method", "PUT")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(preflight, 403);
	}

	private HttpRequest.Builder request(String path, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		return (bearer != null) ? request.header("Authorization", "Bearer " + bearer) : request;
	}

	private HttpResponse<String> send(String method, String path, String bearer, String json) throws Exception {
		HttpRequest.Builder request = request(path, bearer).method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)
						: HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> sendBytes(String method, String path, String bearer, String before, String hex,
			String after) throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(HexFormat.of().parseHex(hex));
		body.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return HTTP.send(request(path, bearer).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void assertBadField(HttpResponse<String> response, String field) {
		assertProblem(response, 400);
		JsonNode errors = JSON.readTree(response.body()).get("errors");
		assertThat(errors.get(0).get("field").asString()).as(response.body()).isEqualTo(field);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

}
