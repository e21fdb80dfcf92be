package dev.herald.store.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problems the inbox answers with; rendered as problem+json by the service's advice.
 */
final class InboxExceptions {

	private InboxExceptions() {
	}

	/** 404: the notification does not exist or is someone else's (not a 403: no leak). */
	static ErrorResponseException notFound(String id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No notification " + id);
		problem.setTitle("Notification not found");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/** 410: the changes after {@code since} are no longer kept; the client reloads. */
	static ErrorResponseException historyGone(long since, long seq) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
				"Changes after seq " + since + " are no longer kept; reload and continue from seq " + seq);
		problem.setTitle("History gone");
		problem.setProperty("seq", seq);
		return new ErrorResponseException(HttpStatus.GONE, problem, null);
	}

}
