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
 * A real HTTP client of the store for one user's token; never throws on error statuses.
 */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	Http(int port, String token) {
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
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

	public Response delete(String path) {
		return exchange(HttpMethod.DELETE, path, null, Map.of());
	}

	public Response postIds(String path, List<String> ids) {
		return post(path, Map.of("ids", ids));
	}

	private Response exchange(HttpMethod method, String path, Object body, Map<String, String> headers) {
		RestClient.RequestBodySpec request = this.client.method(method).uri(path);
		headers.forEach(request::header);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, res) -> {
			String text = new String(res.getBody().readAllBytes());
			JsonNode json = text.isEmpty() ? null : JSON.readTree(text);
			return new Response(res.getStatusCode().value(), json, String.valueOf(res.getHeaders().getContentType()));
		});
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body, or null when empty
	 * @param contentType the content type
	 */
	public record Response(int status, JsonNode body, String contentType) {

	}

}
