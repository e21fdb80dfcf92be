package dev.herald.store.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.Http.Response;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UnreadCountBatchTests extends StoreIntegrationTest {

	private static final String PATH = "/v1/notifications/unread-count:batch";

	UnreadCountBatchTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void answersEachTokensUserInOrderAsTheSingleLookupDoes() {
		String ana = newUser();
		String bo = newUser();
		String unknown = newUser();
		send(Events.follow(ana, "f1-" + UUID.randomUUID()), Events.follow(ana, "f2-" + UUID.randomUUID()),
				Events.follow(bo, "f3-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(unreadCounter(ana) + unreadCounter(bo)).isEqualTo(3));
		String id = http(ana).get("/v1/notifications").body().get("items").get(0).get("id").asString();
		http(ana).postIds("/v1/notifications/read", List.of(id));

		Response answer = Http.anonymous(this.port)
			.post(PATH, Map.of("tokens",
					List.of(tokens.user(bo), tokens.user(ana), tokens.user(unknown), tokens.user(bo))));

		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		JsonNode results = answer.body().get("results");
		assertThat(results).hasSize(4);
		assertSameAsSingleLookup(results.get(0), bo);
		assertSameAsSingleLookup(results.get(1), ana);
		assertThat(results.get(1).get("seq").asLong()).isEqualTo(3);
		assertThat(results.get(1).get("unreadCount").asInt()).isEqualTo(1);
		assertThat(results.get(2).get("seq").asLong()).isZero();
		assertThat(results.get(2).get("unreadCount").asInt()).isZero();
		assertSameAsSingleLookup(results.get(3), bo);
	}

	@Test
	void aTokenThatDoesNotVerifyGetsAnErrorInItsPlaceAndTheOthersAreAnswered() {
		String ana = newUser();
		String expired = tokens.mint(newUser(), List.of(), Instant.now().minusSeconds(60), "herald");
		String foreignAudience = tokens.mint(newUser(), List.of(), Instant.now().plusSeconds(600), "elsewhere");
		String forged = forge(tokens.user(newUser()));

		JsonNode results = Http.anonymous(this.port)
			.post(PATH, Map.of("tokens", List.of(expired, tokens.user(ana), foreignAudience, forged, "not-a-jwt")))
			.body()
			.get("results");

		assertThat(results).hasSize(5);
		for (int i : new int[] { 0, 2, 3, 4 }) {
			assertThat(results.get(i).properties()).as("result %d", i).hasSize(1);
			assertThat(results.get(i).get("error").asString()).isEqualTo("invalid_token");
		}
		assertSameAsSingleLookup(results.get(1), ana);
	}

	@Test
	void anEmptyOrOversizedBatchIsABadRequestNamingTokens() {
		List<String> tooMany = new ArrayList<>(
				Collections.nCopies(UnreadCountBatchController.MAX_TOKENS + 1, tokens.user(newUser())));
		for (Object tokens : List.of(List.of(), tooMany)) {
			Response answer = Http.anonymous(this.port).post(PATH, Map.of("tokens", tokens));
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("tokens");
		}
		Response missing = Http.anonymous(this.port).post(PATH, Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body().get("errors").get(0).get("field").asString()).isEqualTo("tokens");
	}

	private void assertSameAsSingleLookup(JsonNode result, String user) {
		JsonNode single = http(user).get("/v1/notifications/unread-count").body();
		assertThat(result.get("seq").asLong()).isEqualTo(single.get("seq").asLong());
		assertThat(result.get("unreadCount").asInt()).isEqualTo(single.get("unreadCount").asInt());
		assertThat(result.has("error")).isFalse();
	}

	/**
	 * Changes the signature's first character, which always changes its bytes (the last
	 * one carries padding bits and may decode the same).
	 */
	private static String forge(String token) {
		int signature = token.lastIndexOf('.') + 1;
		char replaced = (token.charAt(signature) == 'A') ? 'B' : 'A';
		return token.substring(0, signature) + replaced + token.substring(signature + 1);
	}

}
