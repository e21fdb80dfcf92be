package dev.herald.store.preferences;

import java.util.List;

import dev.herald.schema.NotificationType;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

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

	static NotificationType typeOrNull(String name) {
		for (NotificationType type : NotificationType.values()) {
			if (type.name().equals(name)) {
				return type;
			}
		}
		return null;
	}

}
