package dev.herald.device.registry;

import java.util.List;

import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The service's RFC 9457 answers: framework errors from the shared base, plus the
 * registry's own.
 */
@RestControllerAdvice
class RegistryProblemHandler extends HeraldProblemHandler {

	@ExceptionHandler
	ProblemDetail notFound(PlayerNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Player not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail taken(PlayerKeyTakenException ex) {
		return problem(HttpStatus.CONFLICT, "Player key taken", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidPlayerException ex) {
		return badRequest(List.of(new FieldProblem(ex.field(), ex.getMessage())));
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
