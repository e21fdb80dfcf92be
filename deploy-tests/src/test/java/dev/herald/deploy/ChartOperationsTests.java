package dev.herald.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.herald.deploy.Repository.get;
import static dev.herald.deploy.Repository.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the chart gives operators beyond the workloads: push-gateway's memory sized from
 * its connection limit, autoscaling on connections, a NetworkPolicy per service, a
 * {@code helm test} hook, and values checked by {@code values.schema.json}.
 */
class ChartOperationsTests {

	private static final String PUSH = "herald-push-gateway";

	@ParameterizedTest
	@CsvSource({ "10000, 352, 480Mi, 608Mi", "20000, 672, 800Mi, 928Mi", "2000, 96, 224Mi, 352Mi" })
	void pushGatewaysHeapAndMemoryFollowItsMaxConnections(int connections, int heapMi, String request, String limit) {
		Map<String, Object> container = pushContainer(Map.of("push.maxConnections", connections));

		assertThat(env(container).get("JAVA_TOOL_OPTIONS")).startsWith("-Xms%dm -Xmx%dm ".formatted(heapMi, heapMi))
			.contains("-XX:+AlwaysPreTouch");
		assertThat(env(container)).containsEntry("HERALD_PUSH_MAX_CONNECTIONS", String.valueOf(connections));
		assertThat((String) get(container, "resources.requests.memory")).isEqualTo(request);
		assertThat((String) get(container, "resources.limits.memory")).isEqualTo(limit);
		assertThat((String) get(container, "resources.requests.cpu")).isEqualTo("500m");
	}

	@Test
	void anExplicitHeapOrMemoryLimitWins() {
		Map<String, Object> heap = pushContainer(Map.of("push.heapMi", 512));
		assertThat(env(heap).get("JAVA_TOOL_OPTIONS")).startsWith("-Xms512m -Xmx512m ");
		assertThat((String) get(heap, "resources.limits.memory")).isEqualTo("768Mi");

		Map<String, Object> limit = pushContainer(
				Map.of("push.maxConnections", 20000, "push.resources.limits.memory", "2Gi"));
		assertThat(env(limit).get("JAVA_TOOL_OPTIONS")).startsWith("-Xms672m -Xmx672m ");
		assertThat((String) get(limit, "resources.limits.memory")).isEqualTo("2Gi");
		assertThat((String) get(limit, "resources.requests.memory")).isEqualTo("800Mi");

		Map<String, Object> own = pushContainer(Map.of("push.javaToolOptions", "-Xmx1g -XX:+UseZGC"));
		assertThat(env(own).get("JAVA_TOOL_OPTIONS")).as("options with their own heap, used as they are")
			.isEqualTo("-Xmx1g -XX:+UseZGC");
	}

	@Test
	void pushGatewayScalesOnConnectionsWhereTheCustomMetricsApiIsServed() {
		Map<String, Object> enabled = new HashMap<>(Map.of("push.autoscaling.hpa.enabled", true));
		assertThat(metricTypes(Manifests.renderDefaultsWith(enabled))).as("no custom metrics API: CPU only")
			.containsExactly("Resource");

		enabled.put("metrics.skipCapabilityCheck", true);
		List<Map<String, Object>> metrics = list(
				Manifests.renderDefaultsWith(enabled).named("HorizontalPodAutoscaler", PUSH), "spec.metrics");
		assertThat(metrics).extracting((metric) -> metric.get("type")).containsExactly("Resource", "Pods");
		assertThat((String) get(metrics.get(1), "pods.metric.name")).isEqualTo("herald_push_connections");
		assertThat((String) get(metrics.get(1), "pods.target.averageValue")).as("70 %% of 10,000").isEqualTo("7000");

		enabled.put("push.autoscaling.hpa.targetConnectionsRatio", 0);
		assertThat(metricTypes(Manifests.renderDefaultsWith(enabled))).containsExactly("Resource");
	}

	@Test
	void everyServiceHasANetworkPolicyThatOpensOnlyItsPort() {
		Manifests defaults = Manifests.renderDefaults();
		assertThat(defaults.ofKind("NetworkPolicy")).hasSize(Repository.SERVICES.size());
		for (String module : Repository.SERVICES) {
			Map<String, Object> policy = defaults.named("NetworkPolicy", "herald-" + module);
			List<Map<String, Object>> ingress = list(policy, "spec.ingress");
			assertThat(ingress).hasSize(1);
			assertThat(list(ingress.get(0), "ports"))
				.containsExactly(Map.of("port", ServiceConfiguration.of(module).defaultPort(), "protocol", "TCP"));
			assertThat(ingress.get(0)).as("allowExternal: from anywhere").doesNotContainKey("from");
			assertThat((Map<String, Object>) get(policy, "spec.podSelector.matchLabels"))
				.containsEntry("app.kubernetes.io/component", module);
		}
	}

	@Test
	void aClosedNetworkPolicyLetsInOnlyHeraldLabeledClientsTheIngressAndPrometheus() {
		Map<String, Object> policy = Manifests
			.renderDefaultsWith(
					Map.of("networkPolicy.allowExternal", false, "networkPolicy.allowExternalEgress", false))
			.named("NetworkPolicy", "herald-notification-store");
		List<Map<String, Object>> from = list(list(policy, "spec.ingress").get(0), "from");

		assertThat(from).hasSize(4);
		assertThat((Map<String, Object>) get(from.get(0), "podSelector.matchLabels"))
			.containsEntry("app.kubernetes.io/instance", "herald");
		assertThat((Map<String, Object>) get(from.get(1), "podSelector.matchLabels")).containsEntry("herald-client",
				"true");
		assertThat((Map<String, Object>) get(from.get(2), "namespaceSelector.matchLabels"))
			.containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
		List<Map<String, Object>> egress = list(policy, "spec.egress");
		assertThat(egress).hasSize(2);
		assertThat(list(egress.get(0), "ports")).extracting((port) -> port.get("port")).containsOnly(53);
	}

	/**
	 * helm-java's {@code template} leaves test hooks out (as {@code helm template
	 * --skip-tests}), so this renders a copy of the chart whose test Pod is a plain
	 * resource.
	 */
	@Test
	void helmTestAsksEveryServicesReadinessThroughItsService(@TempDir Path copy) throws IOException {
		String test = "templates/tests/test-readiness.yaml";
		String source = Files.readString(Manifests.CHART.resolve(test));
		assertThat(source).contains("helm.sh/hook: test");
		copy(Manifests.CHART, copy);
		Files.writeString(copy.resolve(test), source.replace("helm.sh/hook: test", "herald.dev/rendered-hook: test"));

		Map<String, Object> pod = Manifests
			.parse(new Helm(copy).template()
				.withName(Manifests.RELEASE)
				.withNamespace(Manifests.NAMESPACE)
				.withKubeVersion(Manifests.KUBERNETES_VERSION)
				.call())
			.named("Pod", "herald-test-readiness");
		String script = String.join("\n", (List<String>) get(list(pod, "spec.containers").get(0), "args"));
		for (String module : Repository.SERVICES) {
			assertThat(script).contains("wget -q -T 10 -O - \"http://herald-%s:%d/actuator/health/readiness\""
				.formatted(module, ServiceConfiguration.of(module).defaultPort()));
		}
		assertThat((Boolean) get(pod, "spec.securityContext.runAsNonRoot")).isTrue();
		assertThat((Map<String, Object>) get(pod, "metadata.labels")).as("let in by a closed NetworkPolicy")
			.containsEntry("app.kubernetes.io/instance", "herald");
	}

	@ParameterizedTest
	@CsvSource({ "push.maxConnections, lots, /push/maxConnections", "logFormat, xml, /logFormat",
			"push.maxConection, 5, maxConection", "store.service.type, Public, /store/service/type",
			"ingress.paths[0].component, web, /ingress/paths/0/component", "auth.jwt.secret, short, /auth/jwt/secret" })
	void valuesTheSchemaRefusesNameTheirKey(String key, String value, String named) {
		assertThatThrownBy(() -> Manifests.renderDefaultsWith(Map.of(key, value))).hasMessageContaining(named)
			.hasMessageContaining("schema");
	}

	@Test
	void everyValueIsInTheSchema() {
		Map<String, Object> schema = Repository.yaml("helm/herald/values.schema.json");
		List<String> missing = new ArrayList<>();
		collectMissing("", Repository.yaml("helm/herald/values.yaml"), schema, missing);

		assertThat(missing).as("values without a schema entry").isEmpty();
	}

	private static void collectMissing(String path, Map<String, Object> values, Map<String, Object> schema,
			List<String> missing) {
		Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
		if (properties == null) {
			return;
		}
		for (Map.Entry<String, Object> value : values.entrySet()) {
			String key = path.isEmpty() ? value.getKey() : path + "." + value.getKey();
			Map<String, Object> property = (Map<String, Object>) properties.get(value.getKey());
			if (property == null) {
				missing.add(key);
			}
			else if (value.getValue() instanceof Map<?, ?> nested) {
				collectMissing(key, (Map<String, Object>) nested, property, missing);
			}
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	private static List<Object> metricTypes(Manifests manifests) {
		return list(manifests.named("HorizontalPodAutoscaler", PUSH), "spec.metrics").stream()
			.map((metric) -> metric.get("type"))
			.toList();
	}

	private static Map<String, Object> pushContainer(Map<String, Object> values) {
		Map<String, Object> deployment = Manifests.renderDefaultsWith(values).named("Deployment", PUSH);
		return list(deployment, "spec.template.spec.containers").get(0);
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> entry : list(container, "env")) {
			if (entry.get("value") != null) {
				env.put((String) entry.get("name"), (String) entry.get("value"));
			}
		}
		return env;
	}

}
