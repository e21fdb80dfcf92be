package dev.herald.support.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.herald.support.security.DevTokens;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared web and security wiring in a running server, as each service gets it: every
 * 4xx is problem+json (security, container, MVC), JSON bodies are read strictly through
 * Spring Boot's converter chain, and an Origin that is not one is a 403.
 */
@SpringBootTest(classes = HeraldWebIntegrationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "herald.security.jwt.secret=" + HeraldWebIntegrationTests.SECRET,
				"spring.autoconfigure.exclude=dev.herald.support.kafka.HeraldKafkaAutoConfiguration,"
						+ "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
class HeraldWebIntegrationTests {

	static final String SECRET = "integration-secret-0123456789-0123456789";

	private static final DevTokens TOKENS = new DevTokens(SECRET, "herald-dev", "herald");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final Queue<String> observed;

	@Autowired
	HeraldWebIntegrationTests(Queue<String> observed) {
		this.observed = observed;
	}

	@Test
	void springSecurityObservesNothingWhileTheServerRequestIsObserved() throws Exception {
		this.observed.clear();
		assertThat(send(authorized("/api/echo").GET()).statusCode()).isEqualTo(200);
		assertThat(this.observed).contains("http.server.requests")
			.noneMatch((name) -> name.startsWith("spring.security"));
	}

	@Test
	void noTokenIs401ProblemWithTheBearerChallenge() throws Exception {
		HttpResponse<String> response = send(request("/api/echo").GET());
		assertProblem(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((h) -> h.startsWith("Bearer"));
	}

	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void aFlawedTokenIs401ProblemSayingWhy(DevTokens.Flaw flaw) throws Exception {
		HttpResponse<String> response = send(
				request("/api/echo").header("Authorization", "Bearer " + TOKENS.flawed(flaw, "u1")).GET());
		assertProblem(response, 401);
		assertThat(body(response).get("detail").asString()).containsAnyOf("sub", "exp", "longer than");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((h) -> h.contains("invalid_token"));
	}

	@Test
	void aValidTokenIsServed() throws Exception {
		assertThat(send(authorized("/api/echo").GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void aMissingScopeIs403ProblemWithTheScopeChallenge() throws Exception {
		HttpResponse<String> response = send(authorized("/api/admin").GET());
		assertProblem(response, 403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((h) -> h.contains("insufficient_scope"));
	}

	@Test
	void frameworkErrorsAreProblems() throws Exception {
		assertProblem(send(authorized("/api/nothing-here").GET()), 404);
		assertProblem(send(authorized("/api/echo").DELETE()), 405);
		assertProblem(send(authorized("/api/echo").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hi"))), 415);
		assertProblem(send(authorized("/api/echo").header("Accept", "text/csv").GET()), 406);
		HttpResponse<String> html = send(request("/api/echo").header("Accept", "text/html").GET());
		assertProblem(html, 401);
	}

	@Test
	void anUnreadableFormIs400Problem() throws Exception {
		HttpResponse<String> response = send(
				authorized("/api/form").header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("token=%C0%AF%zz")));
		assertProblem(response, 400);
		assertThat(body(response).at("/errors/0/field").asString()).isEqualTo("parameters");
	}

	@Test
	void jsonBodiesAreReadStrictlyThroughTheServicesConverters() throws Exception {
		HttpResponse<String> unknown = send(authorized("/api/echo").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"critcal\":true}")));
		assertProblem(unknown, 400);
		assertThat(body(unknown).at("/errors/0/field").asString()).isEqualTo("critcal");
		HttpResponse<String> coerced = send(authorized("/api/echo").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"critical\":\"true\"}")));
		assertThat(body(coerced).at("/errors/0/field").asString()).isEqualTo("critical");
		HttpResponse<String> fine = send(authorized("/api/echo").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"critical\":true}")));
		assertThat(fine.statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "garbage",
			"http://localhost:8080/path", "http://" })
	void anOriginThatIsNotOneIs403Problem(String origin) throws Exception {
		assertProblem(send(authorized("/api/echo").header("Origin", origin).GET()), 403);
		assertProblem(send(request("/api/echo").header("Origin", origin)
			.header("Access-Control-Request-Method", "GET")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 403);
	}

	@Test
	void originsAreLeftToCors() throws Exception {
		assertThat(send(authorized("/api/echo").header("Origin", "http://localhost:8080").GET()).statusCode())
			.isEqualTo(200);
		assertProblem(send(authorized("/api/echo").header("Origin", "null").GET()), 403);
		assertProblem(send(authorized("/api/echo").header("Origin", "https://evil.example").GET()), 403);
		assertProblem(send(request("/api/echo").header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 403);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest.Builder authorized(String path) {
		return request(path).header("Authorization", "Bearer " + TOKENS.user("u1"));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying((type) -> type.startsWith("application/problem+json"));
		assertThat(body(response).get("status").asInt()).isEqualTo(status);
	}

	record Echo(String name, Boolean critical) {
	}

	@RestController
	static class Api {

		@GetMapping("/api/echo")
		Map<String, String> get() {
			return Map.of("ok", "yes");
		}

		@PostMapping("/api/echo")
		Echo echo(@RequestBody Echo echo) {
			return echo;
		}

		@GetMapping("/api/admin")
		Map<String, String> admin() {
			return Map.of("ok", "admin");
		}

		@PostMapping("/api/form")
		Map<String, String> form(@RequestParam(required = false) String token) {
			return Map.of("token", String.valueOf(token));
		}

	}

	@RestControllerAdvice
	static class Advice extends HeraldProblemHandler {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Api.class, Advice.class })
	static class App {

		/**
		 * The names of the observations started, as a tracer or a metrics handler sees
		 * them.
		 */
		@Bean
		Queue<String> observed() {
			return new ConcurrentLinkedQueue<>();
		}

		@Bean
		ObservationHandler<Observation.Context> recordingHandler(Queue<String> observed) {
			return new ObservationHandler<>() {

				@Override
				public void onStart(Observation.Context context) {
					observed.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			};
		}

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/admin")
					.hasAuthority("SCOPE_notifications:admin")
					.anyRequest()
					.authenticated())
				.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()))
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf((csrf) -> csrf.disable())
				.cors(Customizer.withDefaults())
				.build();
		}

		@Bean
		CorsConfigurationSource corsConfigurationSource() {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(List.of("http://localhost:8080"));
			cors.setAllowedMethods(List.of("GET", "POST"));
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/**", cors);
			return source;
		}

	}

}
