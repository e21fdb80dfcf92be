package dev.herald.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static dev.herald.deploy.Repository.get;
import static dev.herald.deploy.Repository.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scrapes each service on its port; the Grafana dashboard and the alert rules
 * cover connections, deliveries, latency, lag, dead letters and e-mail outcomes, and the
 * chart ships the same dashboard as the compose stack.
 */
class MonitoringTests {

	private static final List<String> MODULES_WITH_METERS = Stream
		.concat(Stream.of("service-support"), Repository.SERVICES.stream())
		.toList();

	private static final Pattern METRIC = Pattern.compile("herald_[a-z0-9_]+");

	private static final Pattern SUFFIXES = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)?$");

	private static final Pattern METER_NAME = Pattern.compile("\"(herald\\.[a-z0-9.]+)\"");

	@Test
	void prometheusScrapesEachServiceOnItsPort() {
		Map<String, Object> prometheus = Repository.yaml("docker/prometheus/prometheus.yml");
		Map<String, Object> herald = list(prometheus, "scrape_configs").get(0);
		List<Object> targets = list(herald, "static_configs").stream()
			.flatMap((config) -> ((List<Object>) config.get("targets")).stream())
			.toList();

		assertThat(herald).containsEntry("metrics_path", "/actuator/prometheus");
		assertThat(targets).containsExactlyInAnyOrderElementsOf(Repository.SERVICES.stream()
			.map((module) -> module + ":" + ServiceConfiguration.of(module).defaultPort())
			.toList());
		assertThat((List<String>) get(prometheus, "rule_files")).containsExactly("/etc/prometheus/alerts.yml");
	}

	@Test
	void alertRulesCoverTheIssuesList() {
		Map<String, Object> alerts = Repository.yaml("docker/prometheus/alerts.yml");
		List<Map<String, Object>> rules = list(list(alerts, "groups").get(0), "rules");

		assertThat(rules).extracting((rule) -> rule.get("alert"))
			.containsExactlyInAnyOrder("HeraldPushConnectionsNearLimit", "HeraldDeliveryLatencyHigh",
					"HeraldConsumerLagHigh", "HeraldDeadLettersGrowing", "HeraldEmailFailureRateHigh");
		assertThat(rules).allSatisfy((rule) -> assertThat(rule).containsKeys("expr", "labels", "annotations"));
	}

	@Test
	void dashboardShowsConnectionsDeliveriesLatencyLagDeadLettersAndEmail() {
		String json = Repository.read("docker/grafana/dashboards/herald.json");
		Map<String, Object> dashboard = Repository.yaml("docker/grafana/dashboards/herald.json");

		assertThat(dashboard).containsEntry("uid", "herald-overview");
		assertThat(list(dashboard, "panels")).allSatisfy((panel) -> assertThat(list(panel, "targets")).isNotEmpty());
		assertThat(json).contains("herald_push_connections", "herald_push_deliveries_total",
				"herald_device_published_total", "herald_push_latency_seconds_bucket",
				"kafka_consumer_fetch_manager_records_lag_max", "herald_kafka_dead_letters_total",
				"herald_digest_sent_total", "herald_digest_failed_total");
		assertThat(Repository.read("helm/herald/files/herald-dashboard.json")).as("the chart's copy of the dashboard")
			.isEqualTo(json);
	}

	@Test
	void everyHeraldMetricQueriedIsOneAServiceRegisters() throws IOException {
		Set<String> registered = registeredMeters();
		List<String> queries = new ArrayList<>();
		list(Repository.yaml("docker/grafana/dashboards/herald.json"), "panels")
			.forEach((panel) -> list(panel, "targets").forEach((target) -> queries.add((String) target.get("expr"))));
		list(list(Repository.yaml("docker/prometheus/alerts.yml"), "groups").get(0), "rules")
			.forEach((rule) -> queries.add((String) rule.get("expr")));
		list(list(Manifests.renderProduction().ofKind("PrometheusRule").get(0), "spec.groups").get(0), "rules")
			.forEach((rule) -> queries.add((String) rule.get("expr")));
		List<String> queried = queries.stream()
			.flatMap((query) -> METRIC.matcher(query).results().map(MatchResult::group))
			.distinct()
			.toList();

		assertThat(registered).as("meters registered in */src/main/java").contains("herald_kafka_dead_letters");
		assertThat(queried).hasSizeGreaterThan(5)
			.as("metrics queried by the dashboard or alerts that no service registers")
			.allMatch((metric) -> registered.contains(SUFFIXES.matcher(metric).replaceFirst("")));
	}

	/**
	 * Micrometer names in the services' sources, as Prometheus names without suffixes.
	 */
	private static Set<String> registeredMeters() throws IOException {
		Set<String> names = new HashSet<>();
		for (String module : MODULES_WITH_METERS) {
			try (Stream<Path> files = Files.walk(Repository.path(module + "/src/main/java"))) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					METER_NAME.matcher(Files.readString(file))
						.results()
						.forEach((result) -> names.add(result.group(1).replace('.', '_')));
				}
			}
		}
		return names;
	}

	@Test
	void grafanaProvisioningPointsAtTheMountedDashboards() {
		Map<String, Object> provider = list(Repository.yaml("docker/grafana/provisioning/dashboards/herald.yml"),
				"providers")
			.get(0);
		List<String> volumes = get(get(Repository.yaml("docker-compose.yml"), "services.grafana"), "volumes");

		assertThat((String) get(provider, "options.path")).isEqualTo("/etc/grafana/dashboards");
		assertThat(volumes).contains("./docker/grafana/dashboards:/etc/grafana/dashboards:ro");
	}

}
