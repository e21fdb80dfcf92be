package dev.herald.support.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;

/**
 * Field paths as problem answers name them: {@code events[3].content.title}, or
 * {@code body} for the whole body.
 */
final class JsonPaths {

	static final String BODY = "body";

	private JsonPaths() {
	}

	/** The path of the entry a parser is at inside {@code context}. */
	static String of(TokenStreamContext context) {
		Deque<TokenStreamContext> chain = new ArrayDeque<>();
		for (TokenStreamContext each = context; each != null && !each.inRoot(); each = each.getParent()) {
			chain.push(each);
		}
		StringBuilder path = new StringBuilder();
		for (TokenStreamContext each : chain) {
			if (each.inObject() && each.currentName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(each.currentName());
			}
			else if (each.inArray() && each.getCurrentIndex() >= 0) {
				path.append('[').append(each.getCurrentIndex()).append(']');
			}
		}
		return orBody(path);
	}

	/** The path a binding error happened at. */
	static String of(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return orBody(path);
	}

	private static String orBody(StringBuilder path) {
		return path.isEmpty() ? BODY : path.toString();
	}

}
