package dev.herald.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser client and the demo page insert notification texts with {@code textContent}
 * or text nodes only: every text Herald returns is plain text, so an HTML sink would turn
 * a user's {@code <img onerror>} into script.
 */
class ClientRenderingTest {

	private static final Pattern HTML_SINKS = Pattern
		.compile("\\.(innerHTML|outerHTML)\\b|insertAdjacentHTML|document\\.write|createContextualFragment");

	@ParameterizedTest
	@ValueSource(strings = { "herald-client.js", "demo.html" })
	void usesNoHtmlSink(String file) throws IOException {
		List<String> lines = Files.readAllLines(
				Path.of(file.endsWith(".js") ? "src/main/js/herald-client" : "src/main/resources/static", file),
				StandardCharsets.UTF_8);
		assertThat(lines).as(file).noneMatch((line) -> HTML_SINKS.matcher(line).find());
	}

}
