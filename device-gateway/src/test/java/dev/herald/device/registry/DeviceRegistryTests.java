package dev.herald.device.registry;

import dev.herald.device.DeviceProperties;
import dev.herald.device.GatewayIntegrationTest;
import dev.herald.device.MutableClock;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.FreePorts;
import dev.herald.testinfra.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The registry's REST API on a real database: owners and admin services, a key that
 * belongs to one user, and 400 answers that name the field.
 */
class DeviceRegistryTests extends GatewayIntegrationTest {

	@RegisterExtension
	static final TestDatabase db = TestDatabase.create();

	DeviceRegistryTests(MockMvc mvc, MutableClock clock, JdbcClient jdbc, DeviceProperties properties) {
		super(mvc, clock, jdbc, properties);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, db, "tcp://127.0.0.1:" + FreePorts.find());
	}

	@Test
	void everyStatementIsPlannedForTheTablesAsTheyAreNow() {
		// a generic plan cached while a table was small (a sequential scan) would outlive
		// the table's growth until the next ANALYZE
		assertThat(this.jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
	}

	@Test
	void ownerRegistersChangesListsAndDeletesAPlayer() throws Exception {
		String owner = newId("user");
		String key = newId("desk");

		as(owner,
				put("/v1/devices/{key}", key).contentType(MediaType.APPLICATION_JSON)
					.content("{\"name\":\"Desk\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.playerKey").value(key))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.minIntervalSeconds").value(60))
			.andExpect(jsonPath("$.quietHours.start").value("22:00:00"));
		as(owner,
				put("/v1/devices/{key}", key).contentType(MediaType.APPLICATION_JSON)
					.content("{\"name\":\"Desk lamp\",\"enabled\":false,\"minIntervalSeconds\":5}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Desk lamp"))
			.andExpect(jsonPath("$.quietHours").doesNotExist());
		as(owner, get("/v1/devices")).andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].enabled").value(false))
			.andExpect(jsonPath("$[0].minIntervalSeconds").value(5));

		as(owner, delete("/v1/devices/{key}", key)).andExpect(status().isNoContent());

		as(owner, get("/v1/devices/{key}", key)).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		as(owner, get("/v1/devices")).andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void aSecondUserCannotClaimAKeyNorSeeOrDeleteIt() throws Exception {
		String key = newId("desk");
		String first = newId("user");
		String second = newId("user");
		as(first, put("/v1/devices/{key}", key).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Mine\"}"))
			.andExpect(status().isCreated());

		as(second,
				put("/v1/devices/{key}", key).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Stolen\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(key)));
		as(second, get("/v1/devices/{key}", key)).andExpect(status().isNotFound());
		as(second, delete("/v1/devices/{key}", key)).andExpect(status().isNotFound());

		as(first, get("/v1/devices/{key}", key)).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Mine"));
	}

	@Test
	void adminServicesManageAUsersPlayersAndUsersCannot() throws Exception {
		String user = newId("user");
		String key = newId("desk");
		String admin = tokens.service("admin-console", DevTokens.SCOPE_ADMIN);

		this.mvc
			.perform(put("/v1/users/{id}/devices/{key}", user, key).header("Authorization", "Bearer " + admin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Gift\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/v1/users/{id}/devices", user).header("Authorization", "Bearer " + admin))
			.andExpect(jsonPath("$[0].playerKey").value(key));
		as(user, get("/v1/devices")).andExpect(jsonPath("$[0].playerKey").value(key));

		as(newId("user"), get("/v1/users/{id}/devices", user)).andExpect(status().isForbidden());
		this.mvc.perform(get("/v1/devices")).andExpect(status().isUnauthorized());

		this.mvc.perform(delete("/v1/users/{id}/devices/{key}", user, key).header("Authorization", "Bearer " + admin))
			.andExpect(status().isNoContent());
		as(user, get("/v1/devices")).andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void badInputIsAnsweredWith400NamingTheField() throws Exception {
		String owner = newId("user");
		expectBadField(owner, newId("desk"), "{\"name\":\"\"}", "name");
		expectBadField(owner, newId("desk"), "{\"name\":\"Desk\",\"minIntervalSeconds\":-1}", "minIntervalSeconds");
		expectBadField(owner, newId("desk"), "{\"name\":\"Desk\",\"quietHours\":{\"start\":\"22:00\"}}",
				"quietHours.end");
		expectBadField(owner, newId("desk"),
				"{\"name\":\"Desk\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"}}", "quietHours.end");
		expectBadField(owner, newId("desk"),
				"{\"name\":\"Desk\",\"quietHours\":{\"start\":\"late\",\"end\":\"07:00\"}}", "quietHours.start");
		expectBadField(owner, "bad+key", "{\"name\":\"Desk\"}", "playerKey");
		as(owner, get("/v1/devices")).andExpect(jsonPath("$", hasSize(0)));
	}

	private void expectBadField(String owner, String key, String body, String field) throws Exception {
		as(owner, put("/v1/devices/{key}", key).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
	}

	private ResultActions as(String userId, MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + tokens.user(userId)));
	}

	@Test
	void theOpenApiDescriptionOfThePlayersApiIsOpen() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("Herald device-gateway"))
			.andExpect(jsonPath("$.paths['/v1/devices/{playerKey}'].put").exists())
			.andExpect(jsonPath("$.paths['/v1/devices/{playerKey}'].put.responses['409']"
					+ ".content['application/problem+json'].schema['$ref']")
				.value("#/components/schemas/Problem"))
			.andExpect(jsonPath("$.paths['/v1/devices/{playerKey}'].get.responses['404'].description")
				.value("No such player of that user"))
			.andExpect(jsonPath("$.paths['/v1/devices'].get.responses['401']").exists());
	}

}
