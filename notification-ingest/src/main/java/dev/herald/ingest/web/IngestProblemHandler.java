package dev.herald.ingest.web;

import dev.herald.ingest.IngestMetrics;
import dev.herald.ingest.input.InvalidInputException;
import dev.herald.ingest.publish.PublishUnavailableException;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every refusal as RFC 9457 problem+json, counted in
 * {@code herald.ingest.requests.rejected{reason}}: {@code invalid} and {@code unreadable}
 * (400), {@code too_large} (413), {@code unavailable} and {@code overloaded} (503 with
 * {@code Retry-After}).
 */
@RestControllerAdvice
class IngestProblemHandler extends HeraldProblemHandler {

	private final IngestMetrics metrics;

	IngestProblemHandler(IngestMetrics metrics) {
		this.metrics = metrics;
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidInputException ex) {
		this.metrics.rejected("invalid");
		return badRequest(ex.problems());
	}

	@ExceptionHandler
	ProblemDetail tooLarge(BodyTooLargeException ex) {
		this.metrics.rejected("too_large");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Request body too large");
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(PublishUnavailableException ex) {
		this.metrics.rejected("unavailable");
		long seconds = Math.max(1, ex.retryAfter().toSeconds());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; retry with the same event ids in " + seconds + " s (repeats are safe)");
		problem.setTitle("Event bus unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> overloaded(OverloadedException ex) {
		this.metrics.rejected("overloaded");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; retry with the same event ids in 1 s (repeats are safe)");
		problem.setTitle("Too many requests in flight");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		this.metrics.rejected("unreadable");
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

}
