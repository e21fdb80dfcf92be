package dev.herald.support.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.web.method.HandlerMethod;

/**
 * The error answers every operation can give, in every service's OpenAPI description, as
 * the RFC 9457 problem+json the services send ({@code HeraldProblemHandler},
 * {@code HeraldErrorController}, the security chain's entry point and access-denied
 * handler): 400 where the operation takes input, 401 and 403 where it needs a bearer
 * token (an operation declared with an empty {@code @SecurityRequirements} is open), 415
 * where it takes a JSON body. Answers particular to an operation (404, 409, 410, 413,
 * 503) are declared on it with {@code @ApiResponse}; every 4xx and 5xx answer without
 * content gets the problem schema.
 */
final class ProblemAnswers implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String PROBLEM = "Problem";

	static final String FIELD_PROBLEM = "FieldProblem";

	private static final Map<String, String> GENERIC = Map.of("400",
			"Invalid input: `errors` names each bad field (a body field by its JSON path such as `events[3].critical`, "
					+ "the whole body as `body`, a parameter by its name)",
			"401",
			"No bearer token, or one that does not verify (signature, expiry, issuer, audience); "
					+ "`WWW-Authenticate` says why",
			"403", "The token lacks the scope this operation needs, or the browser's Origin is not allowed", "415",
			"The body is not `application/json`");

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
		boolean body = operation.getRequestBody() != null;
		boolean input = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (input) {
			addIfAbsent(responses, "400");
		}
		if (!open) {
			addIfAbsent(responses, "401");
			addIfAbsent(responses, "403");
		}
		if (body) {
			addIfAbsent(responses, "415");
		}
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				response.setContent(problemContent());
			}
		});
		operation.setResponses(responses);
		return operation;
	}

	@Override
	public void customise(OpenAPI api) {
		if (api.getComponents() == null) {
			api.setComponents(new Components());
		}
		api.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(FIELD_PROBLEM, fieldProblemSchema());
	}

	private static void addIfAbsent(ApiResponses responses, String code) {
		if (!responses.containsKey(code)) {
			responses.addApiResponse(code, new ApiResponse().description(GENERIC.get(code)));
		}
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().description("URI of the problem type; about:blank when generic"))
			.addProperty("title", new StringSchema().description("Short summary of the problem type"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong with this request"))
			.addProperty("instance", new StringSchema().description("The request path"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM))
						.description("400 only: each bad field"))
			.required(List.of("title", "status"));
	}

	private static Schema<?> fieldProblemSchema() {
		return new ObjectSchema().description("One bad field of a request")
			.addProperty("field", new StringSchema().description("JSON path of a body field, `body`, or a parameter"))
			.addProperty("message", new StringSchema().description("What is wrong with it"))
			.required(List.of("field", "message"));
	}

}
