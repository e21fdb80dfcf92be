package dev.herald.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one service: its jar, HTTP port, environment and JVM options.
 *
 * @param name the module name, e.g. {@code notification-store}
 * @param jar the Spring Boot jar
 * @param port the HTTP port
 * @param environment environment variables (the {@code HERALD_*} settings)
 * @param jvmOptions options before {@code -jar}
 */
public record ServiceSpec(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions) {

	public ServiceSpec {
		environment = Map.copyOf(environment);
		jvmOptions = List.copyOf(jvmOptions);
	}

}
