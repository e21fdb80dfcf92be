package dev.herald.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every module's {@code ConfigurationValidationTests} checks of its
 * {@code @Validated} property records: that a bad value stops start-up with a message
 * naming the property and the rule, and that the configuration processor's metadata is on
 * the class path.
 */
public final class ConfigurationChecks {

	private ConfigurationChecks() {
	}

	/**
	 * Asserts that {@code contexts} with {@code setting} ({@code key=value}) fails to
	 * start on a {@link BindValidationException} naming the prefix, the field and the
	 * reason.
	 */
	public static void assertStartUpFails(ApplicationContextRunner contexts, String setting, String prefix,
			String field, String reason) {
		contexts.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("on " + prefix)
				.hasMessageContaining("on field '" + field + "'")
				.hasMessageContaining(reason);
		});
	}

	/**
	 * Every {@code META-INF/spring-configuration-metadata.json} on the class path,
	 * joined.
	 */
	public static String metadata() {
		StringBuilder all = new StringBuilder();
		try {
			for (URL url : Collections.list(ConfigurationChecks.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return all.toString();
	}

}
