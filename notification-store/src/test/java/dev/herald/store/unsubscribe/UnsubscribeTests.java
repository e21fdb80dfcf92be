package dev.herald.store.unsubscribe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.herald.schema.DigestFrequency;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.token.UnsubscribeToken;
import dev.herald.store.Events;
import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unsubscribe links as e-mail clients and browsers use them: no Authorization header, no
 * cookies.
 */
class UnsubscribeTests extends StoreIntegrationTest {

	private static final byte[] SECRET = "herald-dev-unsubscribe-secret-0123456789abcdef"
		.getBytes(StandardCharsets.UTF_8);

	UnsubscribeTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void oneClickPostUnsubscribesWithoutASessionAndPublishes() {
		String user = subscribedUser(DigestFrequency.DAILY);
		Http.Response response = anonymous().raw(HttpMethod.POST, "/v1/unsubscribe?token=" + token(user),
				MediaType.APPLICATION_FORM_URLENCODED, "List-Unsubscribe=One-Click", Map.of());
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.body().get("frequency").asString()).isEqualTo("OFF");
		assertThat(response.body().get("canUndo").asBoolean()).isTrue();
		assertThat(frequency(user)).isEqualTo("OFF");
		await().untilAsserted(
				() -> assertThat(latestPublished(user).getDigest().getFrequency()).isEqualTo(DigestFrequency.OFF));
	}

	@Test
	void oneClickPostMayComeAsMultipartForm() {
		String user = subscribedUser(DigestFrequency.IMMEDIATE);
		String body = "--b0undary\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
				+ "One-Click\r\n--b0undary--\r\n";
		Http.Response response = anonymous().raw(HttpMethod.POST, "/v1/unsubscribe?token=" + token(user),
				MediaType.parseMediaType("multipart/form-data; boundary=b0undary"), body, Map.of());
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(frequency(user)).isEqualTo("OFF");
	}

	@Test
	void getOnlyShowsAConfirmationPageAndChangesNothing() {
		String user = subscribedUser(DigestFrequency.WEEKLY);
		String token = token(user);
		Http.Response page = anonymous().get("/v1/unsubscribe?token=" + token,
				Map.of(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.text()).contains("Stop e-mail digests?").contains("method=\"post\"");
		Http.Response scanner = anonymous().get("/v1/unsubscribe?token=" + token);
		assertThat(scanner.status()).isEqualTo(200);
		assertThat(frequency(user)).isEqualTo("WEEKLY");
		await().during(Duration.ofMillis(300)).untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(1));
	}

	@Test
	void browserFormConfirmsThenUndoRestoresThePreviousFrequency() {
		String user = subscribedUser(DigestFrequency.HOURLY);
		String token = token(user);
		// the page's no-referrer policy makes the browser post with Origin: null
		Map<String, String> html = Map.of(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8",
				HttpHeaders.ORIGIN, "null");
		Http.Response confirmed = anonymous().raw(HttpMethod.POST, "/v1/unsubscribe?token=" + token,
				MediaType.APPLICATION_FORM_URLENCODED, "List-Unsubscribe=One-Click", html);
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.text()).contains("You are unsubscribed").contains("/v1/unsubscribe/undo?token=");
		assertThat(frequency(user)).isEqualTo("OFF");
		Http.Response undone = anonymous().raw(HttpMethod.POST, "/v1/unsubscribe/undo?token=" + token,
				MediaType.APPLICATION_FORM_URLENCODED, "", html);
		assertThat(undone.status()).isEqualTo(200);
		assertThat(undone.text()).contains("Digests are back on");
		assertThat(frequency(user)).isEqualTo("HOURLY");
		await().untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(3));
		assertThat(latestPublished(user).getDigest().getFrequency()).isEqualTo(DigestFrequency.HOURLY);
	}

	@Test
	void undoByMailClientRestoresAndASecondUnsubscribeIsHarmless() {
		String user = subscribedUser(DigestFrequency.DAILY);
		String token = token(user);
		anonymous().post("/v1/unsubscribe?token=" + token, Map.of());
		anonymous().post("/v1/unsubscribe?token=" + token, Map.of());
		Http.Response undone = anonymous().post("/v1/unsubscribe/undo?token=" + token, Map.of());
		assertThat(undone.status()).isEqualTo(200);
		assertThat(undone.body().get("frequency").asString()).isEqualTo("DAILY");
		assertThat(undone.body().get("canUndo").asBoolean()).isFalse();
		assertThat(frequency(user)).isEqualTo("DAILY");
	}

	@Test
	void tamperedForeignOrMissingTokensAreRefusedAndChangeNothing() {
		String user = subscribedUser(DigestFrequency.DAILY);
		String victim = subscribedUser(DigestFrequency.DAILY);
		String token = token(user);
		String otherUserPart = token(victim).split("\\.")[1];
		String[] parts = token.split("\\.");
		String swapped = String.join(".", parts[0], otherUserPart, parts[2], parts[3], parts[4]);
		int mac = token.lastIndexOf('.') + 1;
		String flipped = token.substring(0, mac) + ((token.charAt(mac) == 'A') ? 'B' : 'A') + token.substring(mac + 1);
		String wrongSecret = UnsubscribeToken.email(user, Instant.now())
			.sign("another-secret-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8));
		String wrongScope = new UnsubscribeToken(user, "marketing", Instant.now()).sign(SECRET);
		for (String bad : new String[] { swapped, flipped, wrongSecret, wrongScope, "garbage" }) {
			assertTokenRefused(anonymous().post("/v1/unsubscribe?token=" + bad, Map.of()));
			assertTokenRefused(anonymous().post("/v1/unsubscribe/undo?token=" + bad, Map.of()));
		}
		assertTokenRefused(anonymous().post("/v1/unsubscribe", Map.of()));
		Http.Response page = anonymous().get("/v1/unsubscribe?token=" + flipped,
				Map.of(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.text()).contains("This link is not valid").doesNotContain(flipped);
		assertThat(frequency(user)).isEqualTo("DAILY");
		assertThat(frequency(victim)).isEqualTo("DAILY");
	}

	@Test
	void tokenIssuedBeforeTheAccountsPreferencesExistedIsRefused() {
		String user = subscribedUser(DigestFrequency.DAILY);
		String old = UnsubscribeToken.email(user, Instant.now().minus(Duration.ofHours(1))).sign(SECRET);
		assertTokenRefused(anonymous().post("/v1/unsubscribe?token=" + old, Map.of()));
		assertThat(frequency(user)).isEqualTo("DAILY");
		assertThat(anonymous().post("/v1/unsubscribe?token=" + token(user), Map.of()).status()).isEqualTo(200);
	}

	@Test
	void linkOfAnErasedAccountNeverActsOnTheAccountThatReusesItsId() {
		String user = subscribedUser(DigestFrequency.DAILY);
		jdbc.sql("UPDATE preferences SET created_at = now() - interval '1 hour' WHERE user_id = ?")
			.param(user)
			.update();
		String oldLink = UnsubscribeToken.email(user, Instant.now().minus(Duration.ofMinutes(30))).sign(SECRET);
		assertThat(anonymous().get("/v1/unsubscribe?token=" + oldLink).text()).contains("Stop e-mail digests?");
		send(Events.userDeleted(user));
		await().untilAsserted(
				() -> assertThat(count("SELECT count(*) FROM preferences WHERE user_id = ?", user)).isZero());
		http(user).put("/v1/preferences", Map.of("digest", Map.of("frequency", "WEEKLY")));
		assertTokenRefused(anonymous().post("/v1/unsubscribe?token=" + oldLink, Map.of()));
		assertThat(frequency(user)).isEqualTo("WEEKLY");
	}

	@Test
	void pageSpeaksTheUsersSavedLanguageOverTheBrowsers() {
		String user = subscribedUser(DigestFrequency.DAILY, "pt-BR");
		String token = token(user);
		Map<String, String> englishBrowser = Map.of(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE,
				HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9");

		Http.Response page = anonymous().get("/v1/unsubscribe?token=" + token, englishBrowser);
		assertThat(page.text()).contains("<html lang=\"pt\"")
			.contains("Parar de receber os resumos por e-mail?")
			.contains("Cancelar a inscrição")
			.doesNotContain("Stop e-mail digests?");
		anonymous().raw(HttpMethod.POST, "/v1/unsubscribe?token=" + token, MediaType.APPLICATION_FORM_URLENCODED,
				"List-Unsubscribe=One-Click", englishBrowser);
		Http.Response undone = anonymous().raw(HttpMethod.POST, "/v1/unsubscribe/undo?token=" + token,
				MediaType.APPLICATION_FORM_URLENCODED, "", englishBrowser);
		assertThat(undone.text()).contains("Os resumos foram reativados").contains("(diariamente)");
	}

	@Test
	void pageSpeaksTheBrowsersLanguageWhenTheUserSavedNoneItSpeaks() {
		String user = subscribedUser(DigestFrequency.WEEKLY, "de");

		Http.Response spanish = anonymous().get("/v1/unsubscribe?token=" + token(user),
				Map.of(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE, HttpHeaders.ACCEPT_LANGUAGE, "es-MX,es;q=0.9"));
		assertThat(spanish.text()).contains("<html lang=\"es\"")
			.contains("¿Dejar de recibir los resúmenes por correo?");
		Http.Response invalid = anonymous().get("/v1/unsubscribe?token=garbage",
				Map.of(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE, HttpHeaders.ACCEPT_LANGUAGE, "pt-PT"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.text()).contains("Este link não é válido");
		Http.Response unknown = anonymous().get("/v1/unsubscribe?token=" + token(user),
				Map.of(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE, HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"));
		assertThat(unknown.text()).contains("<html lang=\"en\"").contains("Stop e-mail digests?");
	}

	@Test
	void userWithoutSavedPreferencesHasNothingToUnsubscribe() {
		String user = newUser();
		Http.Response response = anonymous().post("/v1/unsubscribe?token=" + token(user), Map.of());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("frequency").asString()).isEqualTo("OFF");
		assertThat(count("SELECT count(*) FROM preferences WHERE user_id = ?", user)).isZero();
	}

	private String subscribedUser(DigestFrequency frequency) {
		return subscribedUser(frequency, null);
	}

	private String subscribedUser(DigestFrequency frequency, String locale) {
		String user = newUser();
		Map<String, Object> preferences = new HashMap<>(Map.of("digest", Map.of("frequency", frequency)));
		if (locale != null) {
			preferences.put("locale", locale);
		}
		Http.Response saved = http(user).put("/v1/preferences", preferences);
		assertThat(saved.status()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(publishedPreferences(user)).hasSize(1));
		return user;
	}

	private static String token(String user) {
		return UnsubscribeToken.email(user, Instant.now()).sign(SECRET);
	}

	private Http anonymous() {
		return Http.anonymous(this.port);
	}

	private String frequency(String user) {
		return jdbc.sql("SELECT digest_frequency FROM preferences WHERE user_id = ?")
			.param(user)
			.query(String.class)
			.single();
	}

	private static UserPreferences latestPublished(String user) {
		return publishedPreferences(user).getLast().value();
	}

	private static void assertTokenRefused(Http.Response response) {
		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("token");
	}

}
