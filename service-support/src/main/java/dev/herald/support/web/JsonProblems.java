package dev.herald.support.web;

import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What a caller can do about a body Jackson could not bind, said without Java class
 * names: an unknown field, a repeated one, a value of the wrong JSON type, or JSON that
 * is not well formed.
 */
final class JsonProblems {

	private JsonProblems() {
	}

	static FieldProblem of(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return new FieldProblem(JsonPaths.of(ex.getPath()), "is not a known field");
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return new FieldProblem(JsonPaths.of(ex.getPath()), "must be " + expected(mismatch.getTargetType()));
		}
		if (String.valueOf(ex.getOriginalMessage()).startsWith("Duplicate Object property")
				&& ex.processor() instanceof JsonParser parser) {
			return new FieldProblem(JsonPaths.of(parser.streamReadContext()), "is repeated");
		}
		if (!ex.getPath().isEmpty()) {
			return new FieldProblem(JsonPaths.of(ex.getPath()), "cannot be read: " + ex.getOriginalMessage());
		}
		return new FieldProblem(JsonPaths.BODY, "is not valid JSON");
	}

	private static String expected(Class<?> type) {
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a number";
		}
		if (type == String.class) {
			return "a JSON string";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		if (type == LocalTime.class) {
			return "a time HH:mm";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 timestamp with offset, e.g. 2026-11-22T01:00:00Z";
		}
		if (type == UUID.class) {
			return "a UUID";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a JSON array";
		}
		return Map.class.isAssignableFrom(type) ? "a JSON object" : "a JSON object of the documented shape";
	}

}
