package dev.herald.support.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one setting of the services' console format, {@code HERALD_LOG_FORMAT} (which their
 * application.yml hands to {@code logging.structured.format.console}): {@code ecs} (or
 * {@code logstash}, {@code gelf}) gives one JSON object a line, empty Boot's plain lines.
 * Each case runs in a JVM of its own, as a service does: the logging system is set up
 * once per process.
 */
class StructuredLogsTests {

	@Test
	void ecsLogsJsonObjectsAndAnEmptyFormatPlainLines() throws Exception {
		assertThat(logOnce("ecs")).containsPattern("\\{\"@timestamp\":\"[^\"]+\".*\"message\":\"log-line-marker\"");
		assertThat(logOnce("")).contains("log-line-marker").doesNotContain("\"message\":\"log-line-marker\"");
	}

	private static String logOnce(String format) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LogOnce.class.getName(), format)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	/**
	 * Starts a context with the services' setting and the given format, logs one line.
	 */
	public static final class LogOnce {

		private LogOnce() {
		}

		public static void main(String[] args) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
				.web(WebApplicationType.NONE)
				.properties("logging.structured.format.console=${HERALD_LOG_FORMAT:}", "HERALD_LOG_FORMAT=" + args[0],
						"spring.application.name=structured-logs-test")
				.run()) {
				LoggerFactory.getLogger(LogOnce.class).info("log-line-marker");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
