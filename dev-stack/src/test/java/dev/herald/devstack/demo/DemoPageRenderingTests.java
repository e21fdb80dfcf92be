package dev.herald.devstack.demo;

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
 * The demo page inserts what the services return (notification texts, player names, MQTT
 * payloads, e-mail subjects) with text nodes only: they are plain text, and an HTML sink
 * would run a user's markup.
 */
class DemoPageRenderingTests {

	private static final Pattern HTML_SINKS = Pattern
		.compile("\\.(innerHTML|outerHTML)\\b|insertAdjacentHTML|document\\.write|createContextualFragment");

	@ParameterizedTest
	@ValueSource(strings = { "demo.js", "index.html" })
	void usesNoHtmlSink(String file) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("src/main/resources/demo", file), StandardCharsets.UTF_8);
		assertThat(lines).as(file).noneMatch((line) -> HTML_SINKS.matcher(line).find());
	}

}
