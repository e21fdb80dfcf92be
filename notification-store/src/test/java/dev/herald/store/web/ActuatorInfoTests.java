package dev.herald.store.web;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code /actuator/info} names what runs: the build's artifact, version and time (the
 * services' builds write {@code build-info.properties}) and the commit it was built from
 * ({@code git.properties}, written by git-commit-id-maven-plugin).
 */
class ActuatorInfoTests extends StoreIntegrationTest {

	ActuatorInfoTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void infoNamesTheBuild() {
		Http.Response answer = Http.anonymous(this.port).get("/actuator/info");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode build = answer.body().get("build");
		assertThat(build.get("artifact").asString()).isEqualTo("notification-store");
		assertThat(build.get("version").asString()).isNotBlank();
		assertThat(build.get("time").asString()).isNotBlank();
	}

	@Test
	void infoNamesTheCommit() {
		// the build skips git.properties in a linked worktree, whose .git is a file
		assumeTrue(Files.isDirectory(Path.of("").toAbsolutePath().getParent().resolve(".git")),
				"built in a linked git worktree (profile git-worktree)");
		Http.Response answer = Http.anonymous(this.port).get("/actuator/info");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode git = answer.body().get("git");
		assertThat(git.get("branch").asString()).isNotBlank();
		assertThat(git.get("commit").get("id").asString()).matches("[0-9a-f]{7,40}");
	}

}
