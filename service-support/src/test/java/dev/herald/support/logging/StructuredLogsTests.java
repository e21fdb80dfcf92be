package dev.herald.support.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one setting of the services' console format, {@code HERALD_LOG_FORMAT} (which their
 * application.yml hands to {@code logging.structured.format.console}): empty gives Boot's
 * plain lines, {@code ecs} (or {@code logstash}, {@code gelf}) one JSON object a line.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTests {

	@Test
	void ecsLogsJsonObjectsAndAnEmptyFormatPlainLines(CapturedOutput output) {
		log("json-line-marker", "ecs");
		assertThat(output.getOut()).containsPattern("\\{\"@timestamp\":\"[^\"]+\".*\"message\":\"json-line-marker\"");
		log("plain-line-marker", "");
		assertThat(output.getOut()).contains("plain-line-marker").doesNotContain("\"message\":\"plain-line-marker\"");
	}

	private static void log(String message, String format) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.web(WebApplicationType.NONE)
			.properties("logging.structured.format.console=${HERALD_LOG_FORMAT:}", "HERALD_LOG_FORMAT=" + format,
					"spring.application.name=structured-logs-test")
			.run()) {
			LoggerFactory.getLogger(StructuredLogsTests.class).info(message);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
