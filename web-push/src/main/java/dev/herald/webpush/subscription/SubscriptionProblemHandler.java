package dev.herald.webpush.subscription;

import java.util.List;

import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The service's RFC 9457 answers: framework errors from the shared base, plus the
 * subscriptions' own.
 */
@RestControllerAdvice
class SubscriptionProblemHandler extends HeraldProblemHandler {

	@ExceptionHandler
	ProblemDetail invalid(InvalidSubscriptionException ex) {
		return badRequest(List.of(new FieldProblem(ex.field(), ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail notFound(SubscriptionNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Subscription not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooMany(TooManySubscriptionsException ex) {
		return problem(HttpStatus.CONFLICT, "Too many subscriptions", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
