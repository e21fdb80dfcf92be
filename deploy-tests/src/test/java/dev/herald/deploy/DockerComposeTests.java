package dev.herald.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static dev.herald.deploy.Repository.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} checked statically (no Docker engine on the build machines):
 * it parses, its dependencies exist and wait on health, and each Herald service gets its
 * own port and only environment variables it reads.
 */
class DockerComposeTests {

	/** Services only other services call: published on this host only by default. */
	private static final Set<String> INTERNAL = Set.of("notification-ingest", "email-digest");

	private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
			"service_completed_successfully");

	private final Map<String, Object> compose = Repository.yaml("docker-compose.yml");

	private final Map<String, Map<String, Object>> services = get(this.compose, "services");

	@Test
	void everyDependencyExistsAndWaitsOnHealthOrCompletion() {
		this.services.forEach((name, service) -> {
			Map<String, Map<String, Object>> dependsOn = get(service, "depends_on");
			if (dependsOn == null) {
				return;
			}
			dependsOn.forEach((dependency, how) -> {
				assertThat(this.services).as("%s depends on %s", name, dependency).containsKey(dependency);
				String condition = (String) how.get("condition");
				assertThat(condition).as("%s -> %s", name, dependency).isIn(CONDITIONS);
				if ("service_healthy".equals(condition)) {
					assertThat(hasHealthcheck(dependency)).as("%s waits for %s to be healthy", name, dependency)
						.isTrue();
				}
			});
		});
	}

	@Test
	void allFiveServicesRunFromTheirDockerfilesAfterTheTopicsExist() {
		assertThat(this.services).containsKeys(Repository.SERVICES.toArray(String[]::new))
			.containsKeys("kafka", "kafka-init", "postgres", "mosquitto", "mailpit", "prometheus", "grafana");
		for (String module : Repository.SERVICES) {
			Map<String, Object> service = this.services.get(module);
			assertThat((String) get(service, "build.dockerfile")).isEqualTo("docker/" + module + "/Dockerfile");
			assertThat((String) get(service, "depends_on.kafka-init.condition"))
				.isEqualTo("service_completed_successfully");
		}
	}

	@Test
	void everyMountedFileOrFolderExistsInTheRepository() {
		List<String> sources = this.services.values()
			.stream()
			.flatMap((service) -> ((List<String>) service.getOrDefault("volumes", List.of())).stream())
			.filter((volume) -> volume.startsWith("./"))
			.map((volume) -> volume.substring(2, volume.indexOf(':')))
			.toList();

		assertThat(sources).hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy((source) -> assertThat(Repository.path(source)).exists());
	}

	@Test
	void eachServicePublishesThePortItsApplicationYmlDefaultsToAndTheInternalOnesOnlyOnThisHost() {
		for (String module : Repository.SERVICES) {
			int port = ServiceConfiguration.of(module).defaultPort();
			List<String> ports = get(this.services.get(module), "ports");

			String expected = INTERNAL.contains(module) ? "${HERALD_INTERNAL_BIND:-127.0.0.1}:" + port + ":" + port
					: port + ":" + port;
			assertThat(ports).as(module).containsExactly(expected);
		}
	}

	@Test
	void eachServiceGetsOnlyEnvironmentVariablesItReads() {
		for (String module : Repository.SERVICES) {
			ServiceConfiguration service = ServiceConfiguration.of(module);
			Map<String, Object> environment = get(this.services.get(module), "environment");

			assertThat(environment.keySet()).as("env of %s not read by its application.yml", module)
				.allMatch(service::reads);
			assertThat(environment).as(module).containsKey("HERALD_KAFKA_BOOTSTRAP");
		}
	}

	@Test
	void eachServiceGetsEveryAddressAndSecretItReads() {
		// Mailpit accepts any login, so the digest's SMTP credentials may stay empty.
		Set<String> optional = Set.of("HERALD_SMTP_USERNAME", "HERALD_SMTP_PASSWORD");
		for (String module : Repository.SERVICES) {
			Map<String, Object> environment = get(this.services.get(module), "environment");
			List<String> required = ServiceConfiguration.of(module)
				.infrastructureVariables()
				.stream()
				.filter((name) -> !optional.contains(name))
				.toList();

			assertThat(environment.keySet()).as("%s reads these in its application.yml; compose must set them", module)
				.containsAll(required);
		}
	}

	@Test
	void secretsComeFromTheEnvFileAndAreDocumentedInTheExample() {
		String composeText = Repository.read("docker-compose.yml");
		String example = Repository.read(".env.example");
		List<String> required = new ArrayList<>();
		Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(composeText);
		while (matcher.find()) {
			required.add(matcher.group(1));
		}

		assertThat(required).contains("HERALD_JWT_SECRET", "POSTGRES_PASSWORD", "HERALD_MQTT_PASSWORD",
				"HERALD_UNSUBSCRIBE_SECRET", "GRAFANA_ADMIN_PASSWORD");
		assertThat(required).allSatisfy((name) -> assertThat(example).contains("\n" + name + "="));
	}

	@Test
	void topicInitCreatesEveryTopicWithItsDeadLetterTopic() {
		String script = Repository.read("docker/kafka/create-topics.sh");
		String mounted = ((List<String>) get(this.services.get("kafka-init"), "volumes")).get(0);

		assertThat(mounted).startsWith("./docker/kafka/create-topics.sh:");
		assertThat(script).contains("partitions=${TOPIC_PARTITIONS:-12}",
				"for topic in social.events.v1 notifications.v1", "for topic in user-preferences.v1 user-contacts.v1",
				"cleanup.policy=compact", "\"$topic.dlt\"");
	}

	@Test
	void mosquittoConfinesPlayersToTheirOwnTopics() {
		String acl = Repository.read("docker/mosquitto/acl");
		String config = Repository.read("docker/mosquitto/mosquitto.conf");

		assertThat(acl).contains("pattern read makapix/player/%u/#", "user herald-device",
				"topic write makapix/player/+/notification");
		assertThat(config).contains("allow_anonymous false", "acl_file /mosquitto/config/acl");
		assertThat((String) get(this.services.get("device-gateway"), "environment.HERALD_MQTT_USERNAME"))
			.isEqualTo("herald-device");
	}

	/**
	 * Herald services have their HEALTHCHECK in the Dockerfile ({@link DockerfileTests}).
	 */
	private boolean hasHealthcheck(String name) {
		return this.services.get(name).containsKey("healthcheck") || Repository.SERVICES.contains(name);
	}

}
