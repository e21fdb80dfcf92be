package dev.herald.store.preferences;

import java.util.List;

import dev.herald.schema.NotificationType;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The 400s of the preferences API, rendered as problem+json by the service's advice.
 */
final class PreferencesProblems {

	private PreferencesProblems() {
	}

	static ErrorResponseException badRequest(List<FieldProblem> problems) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, HeraldProblemHandler.badRequest(problems), null);
	}

	static ErrorResponseException badRequest(String field, String message) {
		return badRequest(List.of(new FieldProblem(field, message)));
	}

	/** A JSON body that does not fit the request type, named by its JSON path. */
	static ErrorResponseException unreadable(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		String message = (ex instanceof UnrecognizedPropertyException) ? "is not a known field"
				: "cannot be read: " + ex.getOriginalMessage();
		return badRequest(path.isEmpty() ? "body" : path.toString(), message);
	}

	static NotificationType typeOrNull(String name) {
		for (NotificationType type : NotificationType.values()) {
			if (type.name().equals(name)) {
				return type;
			}
		}
		return null;
	}

}
