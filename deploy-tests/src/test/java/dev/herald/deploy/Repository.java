package dev.herald.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Files of the repository under test: located from the module's working directory, read
 * as text or parsed as YAML (also JSON, a YAML subset).
 */
final class Repository {

	/** The five services: compose service name, Helm values key, Maven module. */
	static final List<String> SERVICES = List.of("notification-ingest", "notification-store", "push-gateway",
			"device-gateway", "email-digest");

	static final Map<String, String> HELM_KEYS = Map.of("notification-ingest", "ingest", "notification-store", "store",
			"push-gateway", "push", "device-gateway", "device", "email-digest", "digest");

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
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String relative) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml().loadAll(read(relative))) {
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
