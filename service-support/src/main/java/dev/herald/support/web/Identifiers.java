package dev.herald.support.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The one rule for identifiers callers send (user, event, content, comment ids): 1 to
 * {@value #MAX_LENGTH} characters, no white space, no control characters, no unpaired
 * surrogates. What ingest accepts as a recipient is what the admin API erases.
 */
public final class Identifiers {

	/** Longest identifier. */
	public static final int MAX_LENGTH = 128;

	private Identifiers() {
	}

	/** What is wrong with {@code value} as an identifier, or {@code null}. */
	public static String problem(String value) {
		if (value == null || value.isEmpty()) {
			return "is required";
		}
		if (value.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters, it has " + value.length();
		}
		if (value.codePoints().anyMatch(Character::isWhitespace)) {
			return "must not contain whitespace";
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return "must not contain control characters (U+%04X at index %d)".formatted((int) value.charAt(i), i);
			}
		}
		int surrogate = JsonBodyText.unpairedSurrogate(value);
		return (surrogate >= 0) ? "is not valid Unicode (unpaired surrogate at index " + surrogate + ")" : null;
	}

	/**
	 * {@code value} if it is an identifier, else a 400 problem naming {@code field}.
	 * @throws ErrorResponseException the 400, rendered by the service's advice
	 */
	public static String require(String field, String value) {
		String problem = problem(value);
		if (problem != null) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					HeraldProblemHandler.badRequest(List.of(new FieldProblem(field, problem))), null);
		}
		return value;
	}

}
