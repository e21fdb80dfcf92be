package dev.herald.store.broadcast;

import java.util.List;
import java.util.UUID;

import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problems the broadcast API answers with; rendered as problem+json by the service's
 * advice.
 */
final class BroadcastExceptions {

	private BroadcastExceptions() {
	}

	static ErrorResponseException notFound(String id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No broadcast " + id);
		problem.setTitle("Broadcast not found");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	static ErrorResponseException notCancellable(UUID id, BroadcastDtos.Status status) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Broadcast " + id + " is " + status + "; only a SCHEDULED broadcast can be cancelled");
		problem.setTitle("Broadcast already started");
		problem.setProperty("status", status);
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	static ErrorResponseException invalid(List<FieldProblem> problems) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, HeraldProblemHandler.badRequest(problems), null);
	}

}
