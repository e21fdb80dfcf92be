package dev.herald.store.web;

import java.util.ArrayList;
import java.util.List;

import dev.herald.store.Http;
import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's OpenAPI description is open and describes the inbox as it is served.
 */
class OpenApiTests extends StoreIntegrationTest {

	OpenApiTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void describesTheInboxActionsFiltersAndFields() {
		Http.Response answer = Http.anonymous(this.port).get("/v3/api-docs");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode api = answer.body();
		JsonNode paths = api.get("paths");
		assertThat(paths.get("/v1/notifications/seen").has("post")).isTrue();
		assertThat(paths.get("/v1/notifications/archive").has("post")).isTrue();
		assertThat(paths.get("/v1/notifications/{id}/archive").has("post")).isTrue();
		assertThat(paths.get("/v1/notifications/{id}/unarchive").has("post")).isTrue();
		assertThat(paths.get("/v1/notifications").has("delete")).isTrue();
		assertThat(names(paths.get("/v1/notifications").get("get").get("parameters"), "name")).contains("read", "type",
				"contentType", "archived", "since", "before", "cursor", "limit");
		JsonNode schemas = api.get("components").get("schemas");
		assertThat(schemas.get("Counts").get("properties").has("unseenCount")).isTrue();
		assertThat(schemas.get("NotificationView").get("properties").propertyNames()).contains("seen", "archived",
				"commentId", "actionUrl", "attributes");
		assertThat(schemas.get("SelectionRequest").get("properties").propertyNames()).contains("ids", "type",
				"contentType", "before");
	}

	@Test
	void documentsEveryErrorAnswerAsProblemJson() {
		JsonNode api = Http.anonymous(this.port).get("/v3/api-docs").body();
		JsonNode paths = api.get("paths");
		assertThat(codes(paths.get("/v1/notifications/{id}/archive").get("post"))).contains("400", "401", "403", "404");
		assertThat(codes(paths.get("/v1/notifications/changes").get("get"))).contains("400", "401", "410");
		assertThat(codes(paths.get("/v1/notifications/read").get("post"))).contains("400", "401", "403", "415");
		assertThat(codes(paths.get("/v1/admin/broadcasts/{id}/cancel").get("post"))).contains("404", "409");
		assertThat(codes(paths.get("/v1/admin/users/{id}").get("delete"))).contains("503");
		assertThat(codes(paths.get("/v1/unsubscribe").get("post"))).as("open: the token is in the link")
			.contains("400")
			.doesNotContain("401", "403");
		paths.properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			JsonNode responses = operation.getValue().get("responses");
			responses.properties()
				.stream()
				.filter((response) -> response.getKey().matches("[45]\\d\\d"))
				.forEach((response) -> assertThat(
						response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
					.as("%s %s %s", operation.getKey(), path.getKey(), response.getKey())
					.isEqualTo("#/components/schemas/Problem"));
		}));
		JsonNode problem = api.get("components").get("schemas").get("Problem").get("properties");
		assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "errors");
	}

	private static List<String> codes(JsonNode operation) {
		return new ArrayList<>(operation.get("responses").propertyNames());
	}

	private static List<String> names(JsonNode array, String field) {
		List<String> names = new ArrayList<>();
		array.forEach((item) -> names.add(item.get(field).asString()));
		return names;
	}

}
