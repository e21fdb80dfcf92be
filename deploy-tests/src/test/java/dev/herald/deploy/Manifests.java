package dev.herald.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;

/**
 * The chart rendered by Helm itself (helm-java bundles the Helm library, no binary or
 * cluster needed), parsed into one map per manifest.
 */
final class Manifests {

	static final Path CHART = Repository.path("helm/herald");

	static final Path PRODUCTION_VALUES = CHART.resolve("values-production.yaml");

	static final String RELEASE = "herald";

	static final String NAMESPACE = "notifications";

	/** Helm renders for Kubernetes 1.20 unless told; the chart needs 1.25+. */
	static final String KUBERNETES_VERSION = "1.31.0";

	private final List<Map<String, Object>> documents;

	private Manifests(List<Map<String, Object>> documents) {
		this.documents = documents;
	}

	static Manifests renderDefaults() {
		return parse(new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBERNETES_VERSION)
			.call());
	}

	static Manifests renderProduction() {
		return parse(new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBERNETES_VERSION)
			.withValuesFile(PRODUCTION_VALUES)
			.call());
	}

	/** NOTES.txt as {@code helm install --dry-run} (client only) prints it. */
	static String notes(Path valuesFile) {
		InstallCommand install = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBERNETES_VERSION)
			.dryRun()
			.clientOnly();
		if (valuesFile != null) {
			install = install.withValuesFile(valuesFile);
		}
		String output = install.call().getOutput();
		return output.substring(output.indexOf("NOTES:"));
	}

	static Manifests renderDefaultsWith(String key, Object value) {
		return parse(new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBERNETES_VERSION)
			.set(key, value)
			.call());
	}

	@SuppressWarnings("unchecked")
	static Manifests parse(String rendered) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : Repository.yaml().loadAll(rendered)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return new Manifests(documents);
	}

	List<Map<String, Object>> all() {
		return this.documents;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((document) -> name.equals(get(document, "metadata.name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
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

}
