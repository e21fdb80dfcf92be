package dev.herald.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;

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
		return renderDefaultsWith(Map.of(key, value));
	}

	/** The defaults with {@code --set key=value} for each entry. */
	static Manifests renderDefaultsWith(Map<String, Object> values) {
		TemplateCommand template = new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBERNETES_VERSION);
		for (Map.Entry<String, Object> value : values.entrySet()) {
			template = template.set(value.getKey(), value.getValue());
		}
		return parse(template.call());
	}

	static Manifests parse(String rendered) {
		return new Manifests(Repository.documents(rendered));
	}

	List<Map<String, Object>> all() {
		return this.documents;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((document) -> name.equals(Repository.get(document, "metadata.name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
	}

}
