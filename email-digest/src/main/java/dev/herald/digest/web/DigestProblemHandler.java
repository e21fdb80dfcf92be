package dev.herald.digest.web;

import java.util.List;

import dev.herald.digest.emaillog.InvalidFilterException;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad query parameters become 400 problem+json naming the parameter.
 */
@RestControllerAdvice
class DigestProblemHandler extends HeraldProblemHandler {

	@ExceptionHandler
	ProblemDetail invalidFilter(InvalidFilterException ex) {
		return badRequest(List.of(new FieldProblem(ex.field(), ex.problem())));
	}

	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return badRequest(List.of(new FieldProblem(ex.getName(), "cannot be read as " + expected
				+ ("Instant".equals(expected) ? " (ISO-8601, e.g. 2026-01-31T09:00:00Z)" : ""))));
	}

}
