package dev.herald.support.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of every service, in place of Spring Boot's default JSON: what the
 * servlet container or a filter answers itself ({@code sendError}: an unreadable form or
 * query, a refused origin, the security entry points) is RFC 9457 problem+json like the
 * controllers' errors. Whoever calls {@code sendError} may put the problem's detail under
 * {@link #DETAIL}.
 */
@RestController
public class HeraldErrorController implements ErrorController {

	/** Request attribute with the detail of the problem to answer. */
	static final String DETAIL = HeraldErrorController.class.getName() + ".detail";

	/**
	 * Answers {@code status} through the error page: problem+json with {@code detail}.
	 * Headers already set (e.g. {@code WWW-Authenticate}) are kept.
	 */
	public static void sendError(HttpServletRequest request, HttpServletResponse response, int status, String detail)
			throws IOException {
		request.setAttribute(DETAIL, detail);
		response.sendError(status);
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		ProblemDetail problem = (status == HttpStatus.BAD_REQUEST)
				? HeraldProblemHandler.badRequest(List.of(HeraldProblemHandler.UNREADABLE_PARAMETERS))
				: ProblemDetail.forStatus(status);
		if (request.getAttribute(DETAIL) instanceof String detail) {
			problem.setDetail(detail);
		}
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(instance(path));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The path as the problem's instance, or none if it is not a valid URI reference. */
	private static URI instance(String path) {
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
