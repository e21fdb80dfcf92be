package dev.herald.support.web;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Base of each service's {@code @RestControllerAdvice}: every framework error becomes RFC
 * 9457 problem+json, and bad input becomes a 400 whose {@code errors} list names each bad
 * field: a body field by its JSON path ({@code events[3].critical}), the whole body as
 * {@code body}. Services extend it and add handlers for their own domain exceptions.
 * Errors that never reach a controller (security, the servlet container) are answered in
 * the same format by {@link HeraldErrorController}.
 */
public abstract class HeraldProblemHandler extends ResponseEntityExceptionHandler {

	static final FieldProblem UNREADABLE_PARAMETERS = new FieldProblem("parameters",
			"cannot be read: the form body or query string is not valid percent-encoded UTF-8");

	/**
	 * A 400 problem listing {@code problems} under {@code errors}, summarised in the
	 * detail.
	 */
	public static ProblemDetail badRequest(List<FieldProblem> problems) {
		String detail = problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", problems);
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> problems = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> new FieldProblem(
					(error instanceof FieldError field) ? field.getField() : error.getObjectName(),
					String.valueOf(error.getDefaultMessage())))
			.toList();
		return handleExceptionInternal(ex, badRequest(problems), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> problems = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName(),
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		return handleExceptionInternal(ex, badRequest(problems), headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A form body or query string the container cannot decode (bad percent-encoding,
	 * invalid UTF-8): Tomcat throws when the parameters are first read.
	 */
	@ExceptionHandler
	ProblemDetail unreadableParameters(InvalidParameterException ex) {
		return badRequest(List.of(UNREADABLE_PARAMETERS));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldProblem problem = unreadable(ex);
		return handleExceptionInternal(ex, badRequest(List.of(problem)), headers, HttpStatus.BAD_REQUEST, request);
	}

	private static FieldProblem unreadable(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof UnreadableTextException text) {
			return new FieldProblem(text.field(), text.getMessage());
		}
		if (ex.getCause() instanceof JacksonException json) {
			return JsonProblems.of(json);
		}
		boolean missing = String.valueOf(ex.getMessage()).startsWith("Required request body is missing");
		return new FieldProblem(JsonPaths.BODY, missing ? "is required" : "cannot be read");
	}

}
