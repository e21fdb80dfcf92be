package dev.herald.deploy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service reads, from its {@code src/main/resources/application.yml}: the
 * {@code ${HERALD_...}} placeholders, the environment names Spring's relaxed binding maps
 * to the properties the file declares, and the HTTP port with its default.
 *
 * @param module the Maven module
 * @param placeholders the {@code HERALD_*} names in placeholders, with their defaults
 * @param relaxedNames environment names that bind to the declared properties
 * @param portVariable the placeholder of {@code server.port}
 * @param defaultPort the default of {@code server.port}
 */
record ServiceConfiguration(String module, Map<String, String> placeholders, Set<String> relaxedNames,
		String portVariable, int defaultPort) {

	/** Read by the JVM itself or by glibc's malloc, not by Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

	/** Addresses, credentials and origins: a deployment must set them when read. */
	private static final Pattern INFRASTRUCTURE = Pattern
		.compile("HERALD_(KAFKA_BOOTSTRAP|DB_(URL|USER|PASSWORD)|MQTT_(URI|USERNAME|PASSWORD)"
				+ "|SMTP_(HOST|PORT|USERNAME|PASSWORD)|JWT_.*|UNSUBSCRIBE_SECRET|(PUBLIC_)?STORE_URL|INBOX_URL|.*_ALLOWED_ORIGINS)");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(HERALD_[A-Z0-9_]+)(?::([^}]*))?}");

	static ServiceConfiguration of(String module) {
		String file = module + "/src/main/resources/application.yml";
		Map<String, String> placeholders = new LinkedHashMap<>();
		Matcher matcher = PLACEHOLDER.matcher(Repository.read(file));
		while (matcher.find()) {
			placeholders.put(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "");
		}
		Set<String> relaxed = new HashSet<>();
		List<Map<String, Object>> documents = Repository.yamlDocuments(file);
		documents.forEach((document) -> collectRelaxedNames("", document, relaxed));
		Matcher port = documents.stream()
			.map((document) -> Repository.get(document, "server.port"))
			.filter(Objects::nonNull)
			.map((value) -> PLACEHOLDER.matcher(value.toString()))
			.filter(Matcher::matches)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(file + ": no server.port ${HERALD_...:default} placeholder"));
		return new ServiceConfiguration(module, placeholders, relaxed, port.group(1), Integer.parseInt(port.group(2)));
	}

	/** Whether the service (or its JVM) reads the environment variable. */
	boolean reads(String name) {
		return this.placeholders.containsKey(name) || this.relaxedNames.contains(name) || JVM_VARIABLES.contains(name);
	}

	/** The placeholders naming an address, a credential or allowed origins. */
	List<String> infrastructureVariables() {
		return this.placeholders.keySet().stream().filter((name) -> INFRASTRUCTURE.matcher(name).matches()).toList();
	}

	@SuppressWarnings("unchecked")
	private static void collectRelaxedNames(String prefix, Map<String, Object> node, Set<String> names) {
		node.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> child) {
				collectRelaxedNames(path, (Map<String, Object>) child, names);
			}
			else {
				names.add(path.replace("-", "").replace('.', '_').toUpperCase());
			}
		});
	}

}
