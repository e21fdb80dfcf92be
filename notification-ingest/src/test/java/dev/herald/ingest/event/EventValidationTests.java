package dev.herald.ingest.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.herald.ingest.IngestHttpTest;
import dev.herald.ingest.input.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class EventValidationTests extends IngestHttpTest {

	private static final String NOT_A_WEB_URL = "must be an absolute http(s) URL";

	static Stream<Arguments> badEvents() {
		return Stream.of(bad("missing recipient", (e) -> e.remove("recipientId"), "recipientId"),
				bad("empty recipient", (e) -> e.put("recipientId", ""), "recipientId"),
				bad("unknown kind", (e) -> e.put("kind", "REACTION_EXPLODED"), "kind"),
				bad("missing kind", (e) -> e.remove("kind"), "kind"),
				bad("reaction without emoji", (e) -> e.remove("reaction"), "reaction"),
				bad("reaction of markup only", (e) -> e.put("reaction", "<b></b>"), "reaction"),
				bad("comment event without comment", (e) -> e.put("kind", "COMMENT_ADDED"), "comment"),
				bad("comment without preview", (e) -> commentWithout(e, "preview"), "comment.preview"),
				bad("reaction without content", (e) -> e.remove("content"), "content"),
				bad("announcement without message", (e) -> e.put("kind", "SYSTEM_ANNOUNCEMENT"), "message"),
				bad("actor without handle", (e) -> e.put("actor", Map.of("id", "a1")), "actor.handle"),
				bad("recipient id too long", (e) -> e.put("recipientId", "r".repeat(129)), "recipientId"),
				bad("event id too long", (e) -> e.put("eventId", "e".repeat(129)), "eventId"),
				bad("content id too long", (e) -> e.put("content", Map.of("type", "artwork", "id", "c".repeat(500))),
						"content.id"),
				bad("id with whitespace", (e) -> e.put("recipientId", "user 1"), "recipientId"),
				bad("unparsable timestamp", (e) -> e.put("occurredAt", "yesterday"), "occurredAt"),
				bad("timestamp without offset", (e) -> e.put("occurredAt", "2026-11-22T01:00:00"), "occurredAt"),
				bad("timestamp in the future", (e) -> e.put("occurredAt", Instant.now().plusSeconds(3600).toString()),
						"occurredAt"),
				bad("ancient timestamp", (e) -> e.put("occurredAt", "1999-01-01T00:00:00Z"), "occurredAt"),
				bad("control character in a handle", (e) -> e.put("actor", Map.of("handle", "al\u0007ice")),
						"actor.handle"),
				bad("control character in an id", (e) -> e.put("recipientId", "u\u0000"), "recipientId"),
				bad("content type not a word", (e) -> e.put("content", Map.of("type", "Art Work!", "id", "a")),
						"content.type"),
				bad("avatar not a URL",
						(e) -> e.put("actor", Map.of("handle", "a", "avatarUrl", "javascript:alert(1)")),
						"actor.avatarUrl"),
				bad("wrong type for critical", (e) -> e.put("critical", "maybe"), "critical"),
				bad("object for a text field", (e) -> e.put("recipientId", Map.of("id", 1)), "recipientId"),
				bad("missing eventId without Idempotency-Key", (e) -> e.remove("eventId"), "eventId"),
				bad("misspelt critical", (e) -> e.put("critcal", true), "critcal"),
				bad("misspelt occurredAt", (e) -> e.put("occuredAt", Instant.now().toString()), "occuredAt"),
				bad("unknown actor field", (e) -> e.put("actor", Map.of("handle", "a", "name", "Al")), "actor.name"),
				bad("number for critical", (e) -> e.put("critical", 1), "critical"),
				bad("text for critical", (e) -> e.put("critical", "true"), "critical"),
				bad("number for recipientId", (e) -> e.put("recipientId", 12345), "recipientId"),
				bad("boolean for a title", (e) -> e.put("content", Map.of("type", "artwork", "id", "a", "title", true)),
						"content.title"),
				bad("number for an attribute", (e) -> e.put("attributes", Map.of("plan", 1)), "attributes.plan"));
	}

	@ParameterizedTest
	@MethodSource("badEvents")
	void badEventIsRefusedNamingTheField(Consumer<Map<String, Object>> change, String field) {
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		change.accept(event);
		assertProblem(post("/v1/events", event), field);
	}

	static Stream<Arguments> badActionUrls() {
		return Stream.of(argumentSet("javascript: scheme", "javascript:alert(1)", NOT_A_WEB_URL),
				argumentSet("relative", "/art/1#comment-9", NOT_A_WEB_URL),
				argumentSet("ftp", "ftp://files.example/art-1.png", NOT_A_WEB_URL),
				argumentSet("without a host", "https:///art/1", NOT_A_WEB_URL),
				argumentSet("with a space", "https://art.example/1#comment 9", NOT_A_WEB_URL),
				argumentSet("with a line break", "https://art.example/1\n#comment-9", "must not contain control"),
				argumentSet("with a control character", "https://art.example/1\u0007", "must not contain control"),
				argumentSet("a number", 42, "must be a JSON string"),
				argumentSet("an object", Map.of("href", "https://art.example/1"), "must be a JSON string"),
				argumentSet("too long", "https://art.example/" + "a".repeat(Fields.MAX_URL_LENGTH - 19),
						"must be at most " + Fields.MAX_URL_LENGTH + " characters"));
	}

	@ParameterizedTest
	@MethodSource("badActionUrls")
	void badActionUrlIsRefusedNamingIt(Object actionUrl, String message) {
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		event.put("actionUrl", actionUrl);
		assertProblem(post("/v1/events", event), "actionUrl", message);
		Map<String, Object> good = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		assertProblem(post("/v1/events:batch", Map.of("events", List.of(good, event))), "events[1].actionUrl", message);
	}

	@Test
	void everyBadFieldIsNamedAtOnce() {
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		event.remove("recipientId");
		event.remove("reaction");
		event.put("occurredAt", "soon");
		var response = post("/v1/events", event);
		assertThat(fields(response)).containsExactlyInAnyOrder("recipientId", "reaction", "occurredAt");
	}

	@Test
	void invalidUtf8IsRefused() {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String json = JSON.writeValueAsString(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		String[] halves = json.split("Sunset");
		body.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
		body.writeBytes(new byte[] { 'S', (byte) 0xC3, (byte) 0x28, (byte) 0xFF });
		body.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
		var response = postBytes("/v1/events", body.toByteArray(), this.token);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(fields(response)).containsExactly("content.title");
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "c0af", "e080af", "eda080", "f4908080", "f5", "e282" })
	void invalidUtf8OfEveryKindIsRefusedNamingTheField(String hex) {
		String json = JSON.writeValueAsString(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		String[] halves = json.split("Sunset");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
		body.writeBytes(java.util.HexFormat.of().parseHex(hex));
		body.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
		var response = postBytes("/v1/events", body.toByteArray(), this.token);
		assertProblem(response, "content.title");
		var batch = postBytes("/v1/events:batch",
				("{\"events\":[" + new String(body.toByteArray(), StandardCharsets.ISO_8859_1) + "]}")
					.getBytes(StandardCharsets.ISO_8859_1),
				this.token);
		assertProblem(batch, "events[0].content.title");
	}

	@Test
	void aMisspeltFieldInABatchIsNamedWithItsIndex() {
		Map<String, Object> good = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		Map<String, Object> misspelt = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		misspelt.put("critcal", true);
		assertProblem(post("/v1/events:batch", Map.of("events", List.of(good, misspelt))), "events[1].critcal");
		assertProblem(post("/v1/events:batch", Map.of("events", List.of(good), "dryRun", true)), "dryRun");
	}

	@Test
	void unpairedSurrogateEscapeIsRefused() {
		String json = JSON.writeValueAsString(reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()))
			.replace("Sunset", "Sun\\uD83Dset");
		assertProblem(post("/v1/events", json), "content.title");
	}

	@Test
	void notJsonIsRefused() {
		assertProblem(post("/v1/events", "{\"kind\": "), "body");
	}

	@Test
	void badIdempotencyKeyIsRefused() {
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		assertProblem(post("/v1/events", event, "Idempotency-Key", "k".repeat(256)), "Idempotency-Key");
	}

	@Test
	void oversizedBodyIsRefusedWith413() {
		Map<String, Object> event = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		event.put("message", Map.of("title", "t", "body", "x".repeat(70_000)));
		var response = post("/v1/events", event);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(counter("herald.ingest.requests.rejected", "reason", "too_large")).isPositive();
	}

	@Test
	void chunkedBodyIsReadToTheEndAndOneOverTheLimitIsRefusedWith413() {
		var accepted = postChunked("/v1/events", reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID()));
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.request().headers().firstValue("Content-Length")).isEmpty();

		Map<String, Object> large = reaction(UUID.randomUUID().toString(), "u-" + UUID.randomUUID());
		large.put("message", Map.of("title", "t", "body", "x".repeat(70_000)));
		var refused = postChunked("/v1/events", large);
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void batchOverTheLimitIsRefused() {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			events.add(reaction(UUID.randomUUID().toString(), "u-" + i));
		}
		assertProblem(post("/v1/events:batch", Map.of("events", events)), "events");
	}

	@Test
	void batchNamesEachBadItemAndRepeatedIds() {
		String id = UUID.randomUUID().toString();
		Map<String, Object> unknownKind = reaction(UUID.randomUUID().toString(), "u-1");
		unknownKind.put("kind", "NOPE");
		List<Object> events = new ArrayList<>(List.of(reaction(id, "u-1"), unknownKind, reaction(id, "u-2")));
		events.add(null);
		var response = post("/v1/events:batch", Map.of("events", events));
		assertThat(fields(response)).containsExactlyInAnyOrder("events[1].kind", "events[2].eventId", "events[3]");
	}

	@Test
	void rejectionsAreCountedByReason() {
		double before = counter("herald.ingest.requests.rejected", "reason", "invalid");
		post("/v1/events", Map.of("kind", "FOLLOW"));
		assertThat(counter("herald.ingest.requests.rejected", "reason", "invalid")).isEqualTo(before + 1);
	}

	private static void assertProblem(java.net.http.HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(fields(response)).as(response.body()).contains(field);
	}

	/**
	 * A 400 with one problem: {@code field}, its message starting with {@code message}.
	 */
	private static void assertProblem(java.net.http.HttpResponse<String> response, String field, String message) {
		assertProblem(response, field);
		JsonNode errors = body(response).get("errors");
		assertThat(errors).as(response.body()).hasSize(1);
		assertThat(errors.get(0).get("message").asString()).as(response.body()).startsWith(message);
	}

	private static List<String> fields(java.net.http.HttpResponse<String> response) {
		JsonNode errors = body(response).get("errors");
		assertThat(errors).as(response.body()).isNotNull();
		return errors.valueStream().map((error) -> error.get("field").asString()).toList();
	}

	private static void commentWithout(Map<String, Object> event, String field) {
		event.put("kind", "COMMENT_ADDED");
		Map<String, Object> comment = new java.util.HashMap<>(Map.of("id", "c1", "preview", "nice"));
		comment.remove(field);
		event.put("comment", comment);
	}

	private static Arguments bad(String name, Consumer<Map<String, Object>> change, String field) {
		return argumentSet(name, change, field);
	}

}
