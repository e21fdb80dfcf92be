package dev.herald.store.web;

import java.util.List;

import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The store's one advice: framework and domain errors ({@code ErrorResponseException}s)
 * as problem+json; a parameter of the wrong type is a 400 naming it.
 */
@RestControllerAdvice
class StoreProblemHandler extends HeraldProblemHandler {

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		FieldProblem problem = new FieldProblem(field, "cannot be read as " + requiredType(ex) + ": " + ex.getValue());
		return handleExceptionInternal(ex, badRequest(List.of(problem)), headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String requiredType(TypeMismatchException ex) {
		Class<?> type = ex.getRequiredType();
		if (type != null && type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		return (type != null) ? type.getSimpleName() : "the expected type";
	}

}
