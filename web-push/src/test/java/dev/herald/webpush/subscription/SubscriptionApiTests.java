package dev.herald.webpush.subscription;

import java.net.http.HttpResponse;

import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.TestDatabase;
import dev.herald.testinfra.TestPushService;
import dev.herald.webpush.WebPushIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriptions API over real HTTP as a page calls it after
 * {@code pushManager.subscribe()}.
 */
class SubscriptionApiTests extends WebPushIntegrationTest {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	static final TestPushService push = TestPushService.start();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, db, push);
	}

	@AfterAll
	static void stopPush() {
		push.close();
	}

	@Test
	void theVapidPublicKeyIsOpen() throws Exception {
		HttpResponse<String> response = call("GET", "/v1/webpush/vapid-public-key", null, null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("publicKey").asString()).isEqualTo(publicKey());
	}

	@Test
	void theOpenApiDescriptionIsOpenAndNamesTheApi() throws Exception {
		HttpResponse<String> response = call("GET", "/v3/api-docs", null, null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = JSON.readTree(response.body());
		assertThat(document.at("/info/title").asString()).isEqualTo("Herald web-push");
		assertThat(document.get("paths").propertyNames()).contains("/v1/webpush/subscriptions",
				"/v1/webpush/subscriptions/{id}", "/v1/webpush/vapid-public-key");
		assertThat(document.at("/paths/~1v1~1webpush~1subscriptions/post/responses").propertyNames()).contains("400",
				"401", "403", "409");
		assertThat(document.at("/paths/~1v1~1webpush~1vapid-public-key/get/responses").propertyNames()).as("open")
			.doesNotContain("401");
		HttpResponse<String> readiness = call("GET", "/actuator/health/readiness", null, null);
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(readiness.body()).get("components").propertyNames()).containsExactlyInAnyOrder("db",
				"readinessState");
	}

	@Test
	void aUserRegistersListsAndRemovesTheirOwnSubscriptions() throws Exception {
		String user = newId("user");
		TestPushService.Browser browser = push.subscribe();
		JsonNode created = JSON.readTree(subscribe(user, browser));
		assertThat(created.get("endpoint").asString()).isEqualTo(browser.endpoint());
		assertThat(created.has("keys")).isFalse();
		HttpResponse<String> again = call("POST", "/v1/webpush/subscriptions", tokens.user(user), browser.toJson());
		assertThat(again.statusCode()).as("the same browser subscribing again").isEqualTo(200);
		assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(created.get("id").asString());

		JsonNode list = JSON.readTree(call("GET", "/v1/webpush/subscriptions", tokens.user(user), null).body());
		assertThat(list).hasSize(1);
		assertThat(JSON.readTree(call("GET", "/v1/webpush/subscriptions", tokens.user(newId("other")), null).body()))
			.isEmpty();

		String path = "/v1/webpush/subscriptions/" + created.get("id").asString();
		assertProblem(call("DELETE", path, tokens.user(newId("other")), null), 404);
		assertThat(call("DELETE", path, tokens.user(user), null).statusCode()).isEqualTo(204);
		assertThat(JSON.readTree(call("GET", "/v1/webpush/subscriptions", tokens.user(user), null).body())).isEmpty();
	}

	@Test
	void atMostTwentyPerUser() throws Exception {
		String user = newId("user");
		for (int i = 0; i < 20; i++) {
			subscribe(user, push.subscribe());
		}
		assertProblem(call("POST", "/v1/webpush/subscriptions", tokens.user(user), push.subscribe().toJson()), 409);
	}

	@Test
	void badInputIsA400NamingTheField() throws Exception {
		String user = tokens.user(newId("user"));
		TestPushService.Browser browser = push.subscribe();
		String keys = "\"keys\":{\"p256dh\":\"" + browser.p256dh() + "\",\"auth\":\"" + browser.auth() + "\"}";
		assertBadField(post(user, "{\"endpoint\":\"https://evil.example/x\"," + keys + "}"), "endpoint");
		assertBadField(post(user, "{\"endpoint\":\"ftp://127.0.0.1/x\"," + keys + "}"), "endpoint");
		assertBadField(post(user, "{" + keys + "}"), "endpoint");
		assertBadField(post(user, "{\"endpoint\":\"" + browser.endpoint() + "\"}"), "keys");
		assertBadField(post(user, "{\"endpoint\":\"" + browser.endpoint()
				+ "\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"" + browser.auth() + "\"}}"), "keys.p256dh");
		assertBadField(post(user, "{\"endpoint\":\"" + browser.endpoint() + "\",\"keys\":{\"p256dh\":\""
				+ browser.p256dh() + "\",\"auth\":\"AAAA\"}}"), "keys.auth");
		assertBadField(post(user,
				"{\"endpoint\":\"" + browser.endpoint() + "\",\"keys\":{\"p256dh\":\"" + browser.p256dh() + "\"}}"),
				"keys.auth");
		assertBadField(post(user, "{\"endpoint\":\"" + browser.endpoint() + "\"," + keys + ",\"endpont\":1}"),
				"endpont");
		assertBadField(post(user, "{\"endpoint\":42," + keys + "}"), "endpoint");
		assertThat(JSON.readTree(call("GET", "/v1/webpush/subscriptions", user, null).body())).isEmpty();
	}

	@Test
	void withoutAValidTokenNothingButTheKeyIsOpen() throws Exception {
		assertProblem(call("GET", "/v1/webpush/subscriptions", null, null), 401);
		assertProblem(call("POST", "/v1/webpush/subscriptions", tokens.flawed(DevTokens.Flaw.NO_EXPIRY, newId("user")),
				push.subscribe().toJson()), 401);
		assertProblem(call("GET", "/v1/nothing", tokens.user(newId("user")), null), 403);
	}

	private HttpResponse<String> post(String bearer, String json) throws Exception {
		return call("POST", "/v1/webpush/subscriptions", bearer, json);
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
