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

	private static List<String> names(JsonNode array, String field) {
		List<String> names = new ArrayList<>();
		array.forEach((item) -> names.add(item.get(field).asString()));
		return names;
	}

}
