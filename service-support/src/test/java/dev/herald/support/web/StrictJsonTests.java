package dev.herald.support.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the shared JSON reading refuses, and names: unknown and repeated fields, scalars
 * of the wrong JSON type, unpaired surrogate escapes and invalid UTF-8 of every kind.
 */
class StrictJsonTests {

	private static final String VALID = "{\"name\":\"Sunset\",\"count\":3,\"flag\":true,\"kind\":\"ART\","
			+ "\"attributes\":{\"plan\":\"pro\"},\"tags\":[\"a\",\"b\"],\"inner\":{\"email\":\"a@b.c\"}}";

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new EchoController())
		.setMessageConverters(new StrictJsonHttpMessageConverter(
				JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build()))
		.setControllerAdvice(new Advice())
		.build();

	static Stream<Arguments> bentBodies() {
		return Stream.of(refused("unknown field", VALID.replace("\"flag\"", "\"flag\":true,\"critcal\""), "critcal"),
				refused("unknown nested field", VALID.replace("\"email\"", "\"emial\""), "inner.emial"),
				refused("number for a boolean", VALID.replace("\"flag\":true", "\"flag\":1"), "flag"),
				refused("string for a boolean", VALID.replace("\"flag\":true", "\"flag\":\"true\""), "flag"),
				refused("string for a whole number", VALID.replace("\"count\":3", "\"count\":\"9\""), "count"),
				refused("fraction for a whole number", VALID.replace("\"count\":3", "\"count\":2.5"), "count"),
				refused("boolean for a whole number", VALID.replace("\"count\":3", "\"count\":true"), "count"),
				refused("null for a whole number", VALID.replace("\"count\":3", "\"count\":null"), "count"),
				refused("number for a text", VALID.replace("\"Sunset\"", "12345"), "name"),
				refused("boolean for a text", VALID.replace("\"Sunset\"", "false"), "name"),
				refused("fraction for a text", VALID.replace("\"Sunset\"", "1.5"), "name"),
				refused("object for a text", VALID.replace("\"Sunset\"", "{\"id\":1}"), "name"),
				refused("number for an enum", VALID.replace("\"ART\"", "0"), "kind"),
				refused("empty string for an enum", VALID.replace("\"ART\"", "\"\""), "kind"),
				refused("empty string for a UUID", VALID.replace("\"flag\"", "\"ref\":\"\",\"flag\""), "ref"),
				refused("empty string for a list", VALID.replace("[\"a\",\"b\"]", "\"\""), "tags"),
				refused("unknown enum", VALID.replace("\"ART\"", "\"CRAFT\""), "kind"),
				refused("number in a map of texts", VALID.replace("\"pro\"", "1"), "attributes.plan"),
				refused("number in a list of texts", VALID.replace("[\"a\"", "[5"), "tags[0]"),
				refused("repeated field", VALID.replace("\"flag\":true", "\"flag\":false,\"flag\":true"), "flag"),
				refused("trailing content", VALID + " {}", "body"), refused("not JSON", "{\"name\":", "body"),
				refused("unpaired high surrogate", VALID.replace("Sunset", "Sun\\ud800set"), "name"),
				refused("unpaired low surrogate", VALID.replace("Sunset", "Sun\\uDC00"), "name"),
				refused("reversed pair", VALID.replace("Sunset", "\\ude00\\ud83d"), "name"),
				refused("surrogate in a map value", VALID.replace("\"pro\"", "\"\\ud800\""), "attributes.plan"),
				refused("surrogate in a map key", VALID.replace("\"plan\"", "\"p\\ud800\""), "attributes.p\ud800"),
				refused("surrogate in a list", VALID.replace("\"b\"", "\"\\udbff\""), "tags[1]"),
				refused("surrogate in a nested object", VALID.replace("a@b.c", "\\ud800@b.c"), "inner.email"));
	}

	@ParameterizedTest
	@MethodSource("bentBodies")
	void refusesNamingTheField(String body, String field) throws Exception {
		expectProblem(send(body.getBytes(StandardCharsets.UTF_8)), field);
	}

	static Stream<Arguments> invalidUtf8() {
		return Stream.of(argumentSet("overlong slash C0 AF", "c0af"), argumentSet("overlong NUL C0 80", "c080"),
				argumentSet("overlong 3 bytes E0 80 AF", "e080af"),
				argumentSet("overlong 4 bytes F0 80 80 AF", "f08080af"),
				argumentSet("truncated 3-byte sequence", "e282"), argumentSet("truncated 4-byte sequence", "f09f98"),
				argumentSet("lone continuation byte", "80"), argumentSet("surrogate D800 in UTF-8", "eda080"),
				argumentSet("surrogate DFFF in UTF-8", "edbfbf"), argumentSet("above U+10FFFF (F4 90)", "f4908080"),
				argumentSet("F5", "f5808080"), argumentSet("F8", "f888808080"), argumentSet("FE", "fe"),
				argumentSet("FF", "ff"), argumentSet("invalid continuation C3 28", "c328"));
	}

	@ParameterizedTest
	@MethodSource("invalidUtf8")
	void refusesInvalidUtf8NamingTheField(String hex) throws Exception {
		byte[] bad = HexFormat.of().parseHex(hex);
		expectProblem(send(splice(VALID, "Sunset", bad)), "name");
		expectProblem(send(splice(VALID, "pro", bad)), "attributes.plan");
		expectProblem(send(splice(VALID, "\"b", bad)), "tags[1]");
		expectProblem(send(splice(VALID, "a@b", bad)), "inner.email");
	}

	@Test
	void invalidUtf8OutsideATextIsTheBody() throws Exception {
		expectProblem(send(splice(VALID, "{", HexFormat.of().parseHex("c0af"))), "body");
	}

	@Test
	void invalidUtf8InAFieldNameNamesItsObject() throws Exception {
		expectProblem(send(splice(VALID, "\"em", HexFormat.of().parseHex("ff"))), "inner");
	}

	@Test
	void acceptsWhatIsWellFormedAndTyped() throws Exception {
		String body = VALID.replace("Sunset", "Sun 🔥 \\ud83d\\ude00 ç");
		send(body.getBytes(StandardCharsets.UTF_8)).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Sun 🔥 😀 ç"))
			.andExpect(jsonPath("$.count").value(3));
	}

	@Test
	void acceptsAByteOrderMark() throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(HexFormat.of().parseHex("efbbbf"));
		body.writeBytes(VALID.replace("Sunset", "\\ud83d\\ude00").getBytes(StandardCharsets.UTF_8));
		send(body.toByteArray()).andExpect(status().isOk());
	}

	private ResultActions send(byte[] body) throws Exception {
		return this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private static void expectProblem(ResultActions result, String field) throws Exception {
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
	}

	/** {@code json} with {@code bytes} put after the first {@code marker}. */
	private static byte[] splice(String json, String marker, byte[] bytes) {
		int at = json.indexOf(marker) + marker.length();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(json.substring(at).getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private static Arguments refused(String name, String body, String field) {
		return argumentSet(name, body, field);
	}

	enum Kind {

		ART, BLOG

	}

	record Inner(String email) {
	}

	record Echo(String name, int count, Boolean flag, Kind kind, Map<String, String> attributes, List<String> tags,
			Inner inner, java.util.UUID ref) {
	}

	@RestController
	static class EchoController {

		@PostMapping("/echo")
		Echo echo(@RequestBody Echo echo) {
			return echo;
		}

	}

	@RestControllerAdvice
	static class Advice extends HeraldProblemHandler {

	}

}
