package dev.herald.deploy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.herald.deploy.Repository.get;
import static dev.herald.deploy.Repository.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart lints, renders with the default and the production-like values, and what
 * it renders is complete and agrees with the services' configuration keys.
 */
class HelmChartTests {

	private static Manifests defaults;

	private static Manifests production;

	@BeforeAll
	static void render() {
		defaults = Manifests.renderDefaults();
		production = Manifests.renderProduction();
	}

	static Stream<Manifests> renders() {
		return Stream.of(defaults, production);
	}

	@Test
	void chartPassesStrictLint() {
		LintResult result = new Helm(Manifests.CHART).lint().strict().call();

		assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("renders")
	void everyManifestHasApiVersionKindNameAndStandardLabels(Manifests manifests) {
		assertThat(manifests.all()).hasSizeGreaterThan(15);
		for (Map<String, Object> manifest : manifests.all()) {
			String name = get(manifest, "metadata.name");
			assertThat((String) get(manifest, "apiVersion")).as("apiVersion of %s", name).isNotBlank();
			assertThat((String) get(manifest, "kind")).as("kind of %s", name).isNotBlank();
			assertThat(name).as("metadata.name of a %s", manifest.get("kind"))
				.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
			assertThat((Map<String, Object>) get(manifest, "metadata.labels")).as("labels of %s", name)
				.containsEntry("app.kubernetes.io/name", "herald")
				.containsEntry("app.kubernetes.io/instance", Manifests.RELEASE)
				.containsEntry("app.kubernetes.io/managed-by", "Helm")
				.containsKey("helm.sh/chart");
		}
	}

	@ParameterizedTest
	@MethodSource("renders")
	void eachServiceRunsNonRootWithProbesOnTheActuatorGroups(Manifests manifests) {
		assertThat(manifests.ofKind("Deployment")).hasSize(Repository.SERVICES.size());
		for (String module : Repository.SERVICES) {
			Map<String, Object> deployment = manifests.named("Deployment", name(module));
			Map<String, Object> container = container(deployment);
			ServiceConfiguration service = ServiceConfiguration.of(module);

			assertThat((String) container.get("image")).as(module).contains("herald/" + module + ":");
			assertThat(list(container, "ports")).as(module)
				.containsExactly(Map.of("name", "http", "containerPort", service.defaultPort(), "protocol", "TCP"));
			assertThat((String) get(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
			assertThat((String) get(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
			assertThat((String) get(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
			assertThat((Boolean) get(container, "securityContext.runAsNonRoot")).as(module).isTrue();
			assertThat((Integer) get(container, "securityContext.runAsUser")).as(module).isPositive();
			assertThat((Boolean) get(container, "securityContext.allowPrivilegeEscalation")).isFalse();
			assertThat((Map<String, Object>) get(container, "resources.requests")).as(module)
				.containsKeys("cpu", "memory");
			assertThat((Map<String, Object>) get(container, "resources.limits")).as(module).containsKey("memory");
			assertThat((Map<String, Object>) get(deployment, "spec.template.metadata.labels"))
				.containsAllEntriesOf(get(deployment, "spec.selector.matchLabels"))
				.containsEntry("app.kubernetes.io/component", module);
		}
	}

	@ParameterizedTest
	@MethodSource("renders")
	void renderedEnvironmentHoldsOnlyNamesTheServiceReads(Manifests manifests) {
		for (String module : Repository.SERVICES) {
			ServiceConfiguration service = ServiceConfiguration.of(module);
			Set<String> rendered = envNames(manifests, module);

			assertThat(rendered)
				.as("env vars of %s that %s/src/main/resources/application.yml does not read", module, module)
				.allMatch(service::reads);
			assertThat(rendered).as("env of %s sets the port it listens on", module).contains(service.portVariable());
		}
	}

	@ParameterizedTest
	@MethodSource("renders")
	void everyInfrastructureSettingAServiceReadsIsRendered(Manifests manifests) {
		for (String module : Repository.SERVICES) {
			Set<String> rendered = envNames(manifests, module);
			List<String> infrastructure = ServiceConfiguration.of(module).infrastructureVariables();

			assertThat(rendered).as("%s reads these in its application.yml; the chart must set them", module)
				.containsAll(infrastructure);
		}
	}

	@ParameterizedTest
	@MethodSource("renders")
	void everyConfigMapAndSecretReferenceResolves(Manifests manifests) {
		Set<String> externalSecrets = Set.of("herald-auth", "herald-db", "herald-mqtt", "herald-smtp", "herald-vapid");
		for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
			for (Map<String, Object> env : list(container(deployment), "env")) {
				Map<String, Object> configRef = get(env, "valueFrom.configMapKeyRef");
				Map<String, Object> secretRef = get(env, "valueFrom.secretKeyRef");
				Map<String, Object> fieldRef = get(env, "valueFrom.fieldRef");
				if (fieldRef != null) {
					assertThat(fieldRef).as("downward API field of %s", env.get("name"))
						.containsEntry("fieldPath", "metadata.name");
				}
				else if (configRef != null) {
					Map<String, Object> data = get(manifests.named("ConfigMap", (String) configRef.get("name")),
							"data");
					assertThat(data).as("ConfigMap key for %s", env.get("name"))
						.containsKey((String) configRef.get("key"));
				}
				else if (secretRef != null && !externalSecrets.contains(secretRef.get("name"))) {
					Map<String, Object> data = get(manifests.named("Secret", (String) secretRef.get("name")), "data");
					assertThat(data).as("Secret key for %s", env.get("name"))
						.containsKey((String) secretRef.get("key"));
				}
				else if (secretRef == null) {
					assertThat(env).as("env var %s has a value", env.get("name")).containsKey("value");
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("renders")
	void consumerGroupServicesAreStaticMembersNamedAfterTheirPod(Manifests manifests) {
		for (String module : List.of("notification-store", "device-gateway", "email-digest", "web-push")) {
			assertThat(list(container(manifests.named("Deployment", name(module))), "env"))
				.as("%s joins its consumer groups as its pod", module)
				.anySatisfy((env) -> {
					assertThat(env).containsEntry("name", "HERALD_INSTANCE_ID");
					assertThat((Map<String, Object>) get(env, "valueFrom.fieldRef")).containsEntry("fieldPath",
							"metadata.name");
				});
		}
	}

	@ParameterizedTest
	@MethodSource("renders")
	void servicesAndDisruptionBudgetsSelectTheirDeployments(Manifests manifests) {
		for (String module : Repository.SERVICES) {
			Map<String, Object> podLabels = get(manifests.named("Deployment", name(module)),
					"spec.template.metadata.labels");
			Map<String, Object> service = manifests.named("Service", name(module));
			Map<String, Object> budget = manifests.named("PodDisruptionBudget", name(module));

			assertThat(podLabels).containsAllEntriesOf(get(service, "spec.selector"));
			assertThat(list(service, "spec.ports")).singleElement()
				.satisfies((port) -> assertThat(port).containsEntry("targetPort", "http"));
			assertThat(podLabels).containsAllEntriesOf(get(budget, "spec.selector.matchLabels"));
			assertThat((Map<String, Object>) get(budget, "spec")).containsKey("minAvailable");
		}
	}

	@Test
	void productionAutoscalesThePushGatewayAndIngest() {
		assertThat(defaults.ofKind("HorizontalPodAutoscaler")).isEmpty();
		List<Map<String, Object>> autoscalers = production.ofKind("HorizontalPodAutoscaler");

		assertThat(autoscalers).extracting((hpa) -> (String) get(hpa, "spec.scaleTargetRef.name"))
			.containsExactlyInAnyOrder(name("notification-ingest"), name("push-gateway"));
		for (Map<String, Object> hpa : autoscalers) {
			String target = get(hpa, "spec.scaleTargetRef.name");
			assertThat((Object) get(production.named("Deployment", target), "spec.replicas"))
				.as("an autoscaled Deployment leaves replicas to the HPA")
				.isNull();
			assertThat((Integer) get(hpa, "spec.maxReplicas")).isGreaterThan(get(hpa, "spec.minReplicas"));
		}
	}

	@Test
	void topicJobCreatesTheTopicsWithReplicationThreeAndMinInsyncTwo() {
		// helm-java returns the release manifest without hooks: render the Job as a plain
		// resource to inspect it, and check the hook annotations it has by default.
		Map<String, Object> job = Manifests.renderDefaultsWith("topics.provisioning.asHook", false)
			.named("Job", "herald-topics");
		Map<String, Object> container = list(job, "spec.template.spec.containers").get(0);
		Map<String, Object> env = new HashMap<>();
		list(container, "env").forEach((variable) -> env.put((String) variable.get("name"), variable.get("value")));
		List<String> args = get(container, "args");

		assertThat(defaults.ofKind("Job")).as("a hook, not part of the release manifest").isEmpty();
		assertThat(Repository.read("helm/herald/templates/job-topics.yaml"))
			.contains("helm.sh/hook: pre-install,pre-upgrade");
		assertThat(env).containsEntry("REPLICATION_FACTOR", "3")
			.containsEntry("MIN_INSYNC_REPLICAS", "2")
			.containsEntry("PARTITIONS", "12");
		assertThat((Boolean) get(container, "securityContext.runAsNonRoot")).isTrue();
		assertThat(String.join("\n", args)).contains("social.events.v1 notifications.v1",
				"user-preferences.v1 user-contacts.v1", "cleanup.policy=compact", "$topic.dlt");
	}

	@Test
	void prometheusOperatorResourcesOnlyWhereTheApiIsAvailableOrRequested() {
		assertThat(defaults.ofKind("ServiceMonitor")).as("no monitoring.coreos.com/v1 API while rendering").isEmpty();
		assertThat(defaults.ofKind("PrometheusRule")).isEmpty();

		Map<String, Object> monitor = production.ofKind("ServiceMonitor").get(0);
		assertThat(list(monitor, "spec.endpoints")).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint).containsEntry("path", "/actuator/prometheus")
				.containsEntry("port", "http"));
		List<Map<String, Object>> rules = list(production.ofKind("PrometheusRule").get(0), "spec.groups").stream()
			.flatMap((group) -> list(group, "rules").stream())
			.toList();
		assertThat(rules).extracting((rule) -> rule.get("alert"))
			.containsExactlyInAnyOrder("HeraldPushConnectionsNearLimit", "HeraldDeliveryLatencyHigh",
					"HeraldConsumerLagHigh", "HeraldDeadLettersGrowing", "HeraldEmailFailureRateHigh");
		assertThat(rules).extracting((rule) -> (String) rule.get("expr"))
			.anySatisfy((expr) -> assertThat(expr).contains("herald_kafka_dead_letters_total"))
			.anySatisfy((expr) -> assertThat(expr).contains("> 9000"));
	}

	@Test
	void ingressSendsWebSocketsToThePushGatewayWithLongTimeouts() {
		assertThat(defaults.ofKind("Ingress")).isEmpty();
		Map<String, Object> ingress = production.ofKind("Ingress").get(0);
		Map<String, Object> annotations = get(ingress, "metadata.annotations");
		Map<String, String> backends = new HashMap<>();
		for (Map<String, Object> path : list(list(ingress, "spec.rules").get(0), "http.paths")) {
			backends.put((String) path.get("path"), get(path, "backend.service.name"));
		}

		assertThat(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
			.isGreaterThanOrEqualTo(3600);
		assertThat(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout")))
			.isGreaterThanOrEqualTo(3600);
		assertThat(backends).containsEntry("/v1/ws", name("push-gateway"))
			.containsEntry("/v1/notifications", name("notification-store"))
			.doesNotContainKey("/v1/sockjs");
		assertThat(backends.values()).allSatisfy((service) -> production.named("Service", service));
		assertThat((Map<String, Object>) annotations).as("WebSocket and REST need no affinity")
			.doesNotContainKey("nginx.ingress.kubernetes.io/affinity");
	}

	/**
	 * SockJS's xhr-streaming and xhr-polling keep a session in one gateway's memory: its
	 * requests go through a second Ingress with cookie affinity, and the same timeouts.
	 */
	@Test
	void sockJsGoesThroughAStickyIngress() {
		Map<String, Object> sticky = production.named("Ingress", "herald-sticky");
		Map<String, Object> annotations = get(sticky, "metadata.annotations");
		List<Map<String, Object>> paths = list(list(sticky, "spec.rules").get(0), "http.paths");

		assertThat(paths).singleElement()
			.satisfies((path) -> assertThat((String) path.get("path")).isEqualTo("/v1/sockjs"))
			.satisfies(
					(path) -> assertThat((String) get(path, "backend.service.name")).isEqualTo(name("push-gateway")));
		assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
			.containsEntry("nginx.ingress.kubernetes.io/session-cookie-path", "/v1/sockjs")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
		assertThat((Object) get(sticky, "spec.tls")).isEqualTo(get(production.named("Ingress", "herald"), "spec.tls"));
	}

	@Test
	void notesTellTheOperatorHowToReachHerald() {
		String defaultNotes = Manifests.notes(null);
		String productionNotes = Manifests.notes(Manifests.PRODUCTION_VALUES);

		assertThat(defaultNotes).contains("kubectl port-forward -n notifications svc/herald-push-gateway 8083",
				"a random HS256 secret was generated", "no ServiceMonitor");
		assertThat(productionNotes).contains("wss://herald.example.com/v1/ws", "https://herald.example.com")
			.doesNotContain("WARNING");
	}

	private static Set<String> envNames(Manifests manifests, String module) {
		Set<String> names = new HashSet<>();
		list(container(manifests.named("Deployment", name(module))), "env")
			.forEach((env) -> names.add((String) env.get("name")));
		return names;
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		return list(deployment, "spec.template.spec.containers").get(0);
	}

	private static String name(String module) {
		return Manifests.RELEASE + "-" + module;
	}

}
