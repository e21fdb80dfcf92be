package dev.herald.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Files of the repository under test: located from the module's working directory, read
 * as text or parsed as YAML (also JSON, a YAML subset).
 */
final class Repository {

	/** The five services: Maven module, compose service and Helm component name alike. */
	static final List<String> SERVICES = List.of("notification-ingest", "notification-store", "push-gateway",
			"device-gateway", "email-digest", "web-push");

	private static final Path ROOT = locateRoot();

	private Repository() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(String relative) {
		return (Map<String, Object>) yaml().load(read(relative));
	}

	/** Every document of a multi-document YAML file. */
	static List<Map<String, Object>> yamlDocuments(String relative) {
		return documents(read(relative));
	}

	/** Every non-empty document of a multi-document YAML text. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> documents(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml().loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options);
	}

	/** A value by dotted path ({@code spec.template.spec}); null when absent. */
	@SuppressWarnings("unchecked")
	static <T> T get(Map<String, Object> node, String path) {
		Object current = node;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return (T) current;
	}

	static List<Map<String, Object>> list(Map<String, Object> node, String path) {
		List<Map<String, Object>> list = get(node, path);
		return Objects.requireNonNullElse(list, List.of());
	}

	private static Path locateRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Run the tests inside the Herald repository (no mvnw found above "
					+ Path.of("").toAbsolutePath() + ")");
		}
		return dir;
	}

}
