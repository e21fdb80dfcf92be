package dev.herald.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.herald.devstack.JvmProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static dev.herald.deploy.Repository.get;
import static dev.herald.deploy.Repository.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of JVM options: the Helm chart, {@code docker-compose.yml} and the Dockerfiles
 * run each service with the options of the benchmarks' production profile
 * ({@link JvmProfile#PRODUCTION}, {@link JvmProfile#ENVIRONMENT}), and every container's
 * memory limit leaves room outside the fixed heap.
 */
class JvmSettingsTests {

	static final List<String> SERVICES = Repository.SERVICES;

	/**
	 * MiB of a memory limit at least left beyond -Xmx: metaspace, code cache, thread
	 * stacks, GC structures, direct and native memory.
	 */
	private static final long MIN_ROOM_OUTSIDE_HEAP_MIB = 192;

	/** The chart's component key of each module. */
	private static final Map<String, String> COMPONENTS = Map.of("notification-ingest", "ingest", "notification-store",
			"store", "push-gateway", "push", "device-gateway", "device", "email-digest", "digest", "web-push",
			"webpush");

	private static final Pattern XMX = Pattern.compile("(?:^|\\s)-Xmx(\\d+[kKmMgG]?)(?=\\s|$)");

	private static final Pattern QUANTITY = Pattern.compile("(\\d+)([A-Za-z]*)");

	private static final Pattern ENV_ENTRY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:\"([^\"]*)\"|(\\S+))");

	private static Manifests defaults;

	private static Manifests production;

	private final Map<String, Map<String, Object>> compose = get(Repository.yaml("docker-compose.yml"), "services");

	@BeforeAll
	static void render() {
		defaults = Manifests.renderDefaults();
		production = Manifests.renderProduction();
	}

	@ParameterizedTest
	@FieldSource("SERVICES")
	void chartDefaultsRunTheProductionProfile(String module) {
		Map<String, String> env = env(defaults, module);

		assertThat(env.get("JAVA_TOOL_OPTIONS")).as("JAVA_TOOL_OPTIONS of %s in the chart's defaults", module)
			.isEqualTo(JvmProfile.PRODUCTION.javaToolOptions(module));
		assertThat(env).as("env of %s in the chart's defaults", module).containsAllEntriesOf(JvmProfile.ENVIRONMENT);
	}

	/**
	 * values-production.yaml keeps the profile; a component it gives its own
	 * {@code javaToolOptions} (a larger heap) keeps the profile's other options, and its
	 * limit is checked against its -Xmx by
	 * {@link #everyChartContainerLimitLeavesRoomOutsideTheHeap}.
	 */
	@ParameterizedTest
	@FieldSource("SERVICES")
	void productionValuesRunTheProductionProfile(String module) {
		Map<String, String> env = env(production, module);
		String expected = JvmProfile.PRODUCTION.javaToolOptions(module);
		Object override = get(Repository.yaml("helm/herald/values-production.yaml"),
				COMPONENTS.get(module) + ".javaToolOptions");

		if (override == null) {
			assertThat(env.get("JAVA_TOOL_OPTIONS")).as("JAVA_TOOL_OPTIONS of %s with values-production.yaml", module)
				.isEqualTo(expected);
		}
		else {
			assertThat(withoutHeap(env.get("JAVA_TOOL_OPTIONS")))
				.as("options besides the heap of %s with values-production.yaml", module)
				.isEqualTo(withoutHeap(expected));
		}
		assertThat(env).as("env of %s with values-production.yaml", module)
			.containsAllEntriesOf(JvmProfile.ENVIRONMENT);
	}

	@Test
	void everyChartContainerLimitLeavesRoomOutsideTheHeap() {
		for (Manifests manifests : List.of(defaults, production)) {
			assertThat(manifests.ofKind("Deployment")).hasSize(SERVICES.size());
			for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
				String name = get(deployment, "metadata.name");
				Map<String, Object> container = list(deployment, "spec.template.spec.containers").get(0);
				long heap = maxHeap(envOf(container).get("JAVA_TOOL_OPTIONS"));
				long limit = quantity(get(container, "resources.limits.memory"));
				long request = quantity(get(container, "resources.requests.memory"));

				assertThat((limit - heap) >> 20).as("%s: memory limit minus -Xmx, MiB", name)
					.isGreaterThanOrEqualTo(MIN_ROOM_OUTSIDE_HEAP_MIB);
				assertThat(request).as("%s: memory request between -Xmx and the limit", name)
					.isGreaterThan(heap)
					.isLessThanOrEqualTo(limit);
			}
		}
	}

	@ParameterizedTest
	@FieldSource("SERVICES")
	void composeRunsTheProductionProfileWithTheChartsLimit(String module) {
		Map<String, Object> service = this.compose.get(module);
		Map<String, Object> environment = get(service, "environment");
		String options = (String) environment.get("JAVA_TOOL_OPTIONS");
		long limit = binarySize(get(service, "deploy.resources.limits.memory"));
		Map<String, Object> chartContainer = list(defaults.named("Deployment", Manifests.RELEASE + "-" + module),
				"spec.template.spec.containers")
			.get(0);

		assertThat(options).as("JAVA_TOOL_OPTIONS of %s in docker-compose.yml", module)
			.isEqualTo(JvmProfile.PRODUCTION.javaToolOptions(module));
		JvmProfile.ENVIRONMENT.forEach(
				(name, value) -> assertThat(environment.get(name)).as("%s of %s in docker-compose.yml", name, module)
					.isEqualTo(value));
		assertThat(limit).as("memory limit of %s in docker-compose.yml and in the chart", module)
			.isEqualTo(quantity(get(chartContainer, "resources.limits.memory")));
		assertThat((limit - maxHeap(options)) >> 20).as("%s: compose memory limit minus -Xmx, MiB", module)
			.isGreaterThanOrEqualTo(MIN_ROOM_OUTSIDE_HEAP_MIB);
	}

	@ParameterizedTest
	@FieldSource("SERVICES")
	void imageDefaultsAreTheProductionProfile(String module) {
		Map<String, String> env = dockerfileEnv(module);

		assertThat(env.get("JAVA_TOOL_OPTIONS")).as("JAVA_TOOL_OPTIONS of docker/%s/Dockerfile", module)
			.isEqualTo(JvmProfile.PRODUCTION.javaToolOptions(module));
		assertThat(env).as("ENV of docker/%s/Dockerfile", module).containsAllEntriesOf(JvmProfile.ENVIRONMENT);
	}

	@Test
	void parsesSizesAsTheirToolsDo() {
		assertThat(maxHeap("-Xms64m -Xmx256m -XX:+UseG1GC")).isEqualTo(256L << 20);
		assertThat(maxHeap("-Xms1g -Xmx1G")).isEqualTo(1L << 30);
		assertThat(quantity("768Mi")).isEqualTo(768L << 20);
		assertThat(quantity("1Gi")).isEqualTo(1L << 30);
		assertThat(quantity("1G")).as("Kubernetes: G is 10^9").isEqualTo(1_000_000_000L);
		assertThat(binarySize("512m")).as("compose: m is MiB").isEqualTo(512L << 20);
		assertThat(binarySize("1gb")).as("compose: gb is GiB").isEqualTo(1L << 30);
	}

	private static Map<String, String> env(Manifests manifests, String module) {
		Map<String, Object> deployment = manifests.named("Deployment", Manifests.RELEASE + "-" + module);
		return envOf(list(deployment, "spec.template.spec.containers").get(0));
	}

	private static Map<String, String> envOf(Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(container, "env")) {
			if (variable.containsKey("value")) {
				env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
			}
		}
		return env;
	}

	/** The variables of the run stage's ENV instructions (continued lines joined). */
	private static Map<String, String> dockerfileEnv(String module) {
		String dockerfile = Repository.read("docker/" + module + "/Dockerfile");
		String runStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM ")).replace("\\\n", " ");
		Map<String, String> env = new LinkedHashMap<>();
		runStage.lines().filter((line) -> line.startsWith("ENV ")).forEach((line) -> {
			Matcher matcher = ENV_ENTRY.matcher(line.substring(4));
			while (matcher.find()) {
				env.put(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : matcher.group(3));
			}
		});
		return env;
	}

	private static String withoutHeap(String options) {
		return String.join(" ",
				Stream.of(options.strip().split("\\s+"))
					.filter((option) -> !option.startsWith("-Xmx") && !option.startsWith("-Xms"))
					.toList());
	}

	/** -Xmx in bytes. */
	private static long maxHeap(String options) {
		assertThat(options).as("JAVA_TOOL_OPTIONS").isNotNull();
		Matcher matcher = XMX.matcher(options);
		assertThat(matcher.find()).as("-Xmx in %s", options).isTrue();
		return binarySize(matcher.group(1));
	}

	/**
	 * A size as the JVM ({@code -Xmx}) and Docker Compose read it: k, m, g (any case, b
	 * optional for compose) are powers of 1024.
	 */
	private static long binarySize(Object size) {
		Matcher matcher = size(size);
		int exponent = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
			case "", "b" -> 0;
			case "k", "kb" -> 1;
			case "m", "mb" -> 2;
			case "g", "gb" -> 3;
			default -> throw new AssertionError("unknown unit in size " + size);
		};
		return Long.parseLong(matcher.group(1)) << (10 * exponent);
	}

	/** A Kubernetes memory quantity: Ki, Mi, Gi binary; k, M, G decimal. */
	private static long quantity(Object size) {
		Matcher matcher = size(size);
		long unit = switch (matcher.group(2)) {
			case "" -> 1;
			case "Ki" -> 1L << 10;
			case "Mi" -> 1L << 20;
			case "Gi" -> 1L << 30;
			case "k" -> 1_000;
			case "M" -> 1_000_000;
			case "G" -> 1_000_000_000;
			default -> throw new AssertionError("unknown unit in quantity " + size);
		};
		return Long.parseLong(matcher.group(1)) * unit;
	}

	private static Matcher size(Object size) {
		assertThat(size).as("memory size").isNotNull();
		Matcher matcher = QUANTITY.matcher(size.toString().strip());
		assertThat(matcher.matches()).as("memory size %s", size).isTrue();
		return matcher;
	}

}
