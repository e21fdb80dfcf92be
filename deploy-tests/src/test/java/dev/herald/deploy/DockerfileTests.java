package dev.herald.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service has {@code docker/<module>/Dockerfile}: a multi-stage build with the Maven
 * wrapper, the layered jar extracted, a JRE image running as a non-root user, its port
 * and a healthcheck on the readiness group (its JVM options: {@link JvmSettingsTests}).
 * Checked statically: no Docker engine runs on the build machines.
 */
class DockerfileTests {

	static final List<String> SERVICES = Repository.SERVICES;

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	@ParameterizedTest
	@FieldSource("SERVICES")
	void buildsTheModuleWithTheWrapperAndExtractsTheLayeredJar(String module) {
		String dockerfile = dockerfile(module);

		assertThat(dockerfile).contains("FROM eclipse-temurin:21-jdk-noble AS build",
				"./mvnw -B -q -pl " + module + " -am package -DskipTests", "COPY " + module + "/src " + module + "/src",
				"java -Djarmode=tools -jar application.jar extract --layers --launcher",
				"ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			assertThat(dockerfile).contains("COPY --from=extract /extract/layers/" + layer + "/ ./");
		}
	}

	@ParameterizedTest
	@FieldSource("SERVICES")
	void copiesThePomOfEveryReactorModule(String module) {
		Matcher matcher = MODULE.matcher(Repository.read("pom.xml"));

		assertThat(matcher.results().map((result) -> result.group(1))).as("modules of the root pom")
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(dockerfile(module)).contains("COPY " + name + "/pom.xml " + name + "/"));
	}

	@ParameterizedTest
	@FieldSource("SERVICES")
	void runsOnAJreAsNonRoot(String module) {
		String dockerfile = dockerfile(module);
		String runStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		List<String> users = runStage.lines().filter((line) -> line.startsWith("USER ")).toList();

		assertThat(runStage).startsWith("\nFROM eclipse-temurin:21-jre");
		assertThat(users).singleElement().isEqualTo("USER 10001:10001");
	}

	@ParameterizedTest
	@FieldSource("SERVICES")
	void exposesItsDefaultPortAndChecksReadiness(String module) {
		ServiceConfiguration service = ServiceConfiguration.of(module);
		String dockerfile = dockerfile(module);

		assertThat(dockerfile).contains("EXPOSE " + service.defaultPort(),
				"ENV " + service.portVariable() + "=" + service.defaultPort(), "HEALTHCHECK ",
				"/dev/tcp/127.0.0.1/${" + service.portVariable() + "}", "GET /actuator/health/readiness");
		assertThat(Files.exists(Repository.path("docker/" + module + "/Dockerfile.dockerignore"))).isTrue();
	}

	private static String dockerfile(String module) {
		return Repository.read("docker/" + module + "/Dockerfile");
	}

}
