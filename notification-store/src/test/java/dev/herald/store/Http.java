package dev.herald.store;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A real HTTP client of the store, with one user's token or none; never throws on error
 * statuses.
 */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	Http(int port, String token) {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + port);
		if (token != null) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		this.client = builder.build();
	}

	/** A client sending {@code token} as its bearer token. */
	public static Http withToken(int port, String token) {
		return new Http(port, token);
	}

	/** A client without credentials. */
	public static Http anonymous(int port) {
		return new Http(port, null);
	}

	public Response get(String path) {
		return exchange(HttpMethod.GET, path, null, Map.of());
	}

	public Response get(String path, Map<String, String> headers) {
		return exchange(HttpMethod.GET, path, null, headers);
	}

	public Response post(String path, Object body) {
		return exchange(HttpMethod.POST, path, body, Map.of());
	}

	public Response put(String path, Object body) {
		return exchange(HttpMethod.PUT, path, body, Map.of());
	}

	public Response patch(String path, Object body) {
		return exchange(HttpMethod.PATCH, path, body, Map.of());
	}

	/**
	 * A request with a body sent as given, e.g. malformed JSON or a form.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param contentType the body's media type
	 * @param body the raw body
	 * @param headers extra request headers
	 * @return the answer
	 */
	public Response raw(HttpMethod method, String path, MediaType contentType, String body,
			Map<String, String> headers) {
		RestClient.RequestBodySpec request = this.client.method(method).uri(path);
		headers.forEach(request::header);
		if (body != null) {
			request.contentType(contentType).body(body);
		}
		return request.exchange((req, res) -> read(res));
	}

	/** A request whose body is the given bytes, e.g. invalid UTF-8. */
	public Response raw(HttpMethod method, String path, MediaType contentType, byte[] body) {
		return this.client.method(method)
			.uri(path)
			.contentType(contentType)
			.body(body)
			.exchange((req, res) -> read(res));
	}

	public Response delete(String path) {
		return exchange(HttpMethod.DELETE, path, null, Map.of());
	}

	/** A DELETE with a JSON body (bulk deletes). */
	public Response delete(String path, Object body) {
		return exchange(HttpMethod.DELETE, path, body, Map.of());
	}

	public Response postIds(String path, List<String> ids) {
		return post(path, Map.of("ids", ids));
	}

	/** A CORS preflight of a GET from {@code origin}. */
	public Response preflight(String path, String origin) {
		return exchange(HttpMethod.OPTIONS, path, null,
				Map.of(HttpHeaders.ORIGIN, origin, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET",
						HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization"));
	}

	private Response exchange(HttpMethod method, String path, Object body, Map<String, String> headers) {
		RestClient.RequestBodySpec request = this.client.method(method).uri(path);
		headers.forEach(request::header);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, res) -> read(res));
	}

	private static Response read(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse res)
			throws java.io.IOException {
		String text = new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		MediaType type = res.getHeaders().getContentType();
		boolean isJson = type != null && type.getSubtype().endsWith("json");
		JsonNode json = (isJson && !text.isEmpty()) ? JSON.readTree(text) : null;
		return new Response(res.getStatusCode().value(), json, res.getHeaders(), text);
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body, or null when there is none
	 * @param headers the response headers
	 * @param text the body as text
	 */
	public record Response(int status, JsonNode body, HttpHeaders headers, String text) {

		public String contentType() {
			return String.valueOf(this.headers.getContentType());
		}

		public String header(String name) {
			return this.headers.getFirst(name);
		}

	}

}
