package dev.herald.ingest.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.herald.schema.rules.WebUrls;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.Identifiers;

/**
 * Checks the fields of one request and collects every problem, so a 400 names all bad
 * fields at once. Each method returns the cleaned value, or {@code null} when the value
 * is absent or bad.
 */
public final class Fields {

	/** Longest identifier (event, user, content, comment ids). */
	public static final int MAX_ID_LENGTH = Identifiers.MAX_LENGTH;

	/** Longest URL. */
	public static final int MAX_URL_LENGTH = WebUrls.MAX_LENGTH;

	/** Most attributes, and the longest attribute key and value. */
	public static final int MAX_ATTRIBUTES = 32;

	private static final int MAX_ATTRIBUTE_KEY = 64;

	private static final int MAX_ATTRIBUTE_VALUE = 256;

	private final List<FieldProblem> problems = new ArrayList<>();

	public void add(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

	/** How many problems were found so far. */
	public int count() {
		return this.problems.size();
	}

	public List<FieldProblem> problems() {
		return List.copyOf(this.problems);
	}

	public void throwIfAny() {
		if (!this.problems.isEmpty()) {
			throw new InvalidInputException(this.problems);
		}
	}

	/**
	 * Whether {@code value} is there; if not and {@code required}, a problem saying
	 * {@code why} is added.
	 */
	public boolean present(String field, Object value, boolean required, String why) {
		if (value == null && required) {
			add(field, "is required " + why);
		}
		return value != null;
	}

	/**
	 * An identifier by the shared rule ({@link Identifiers}): at most
	 * {@value Identifiers#MAX_LENGTH} characters, no spaces or controls.
	 */
	public String id(String field, String value, boolean required) {
		if (!checkPresent(field, value, required)) {
			return null;
		}
		String problem = Identifiers.problem(value);
		return (problem != null) ? reject(field, problem) : value;
	}

	/**
	 * User text: markup stripped, trimmed, capped at {@code maxLength} grapheme clusters
	 * with an ellipsis.
	 */
	public String text(String field, String value, TextRule rule) {
		if (!checkPresent(field, value, rule.required()) || !checkCharacters(field, value, true)) {
			return null;
		}
		String plain = rule.multiLine() ? PlainText.multiLine(value) : PlainText.singleLine(value);
		if (plain.isEmpty() && rule.required()) {
			return reject(field, "must not be blank (markup is removed)");
		}
		return PlainText.cap(plain, rule.maxLength());
	}

	/** An absolute http(s) URL. */
	public String url(String field, String value) {
		if (!checkPresent(field, value, false) || !checkCharacters(field, value, false)) {
			return null;
		}
		if (value.length() > MAX_URL_LENGTH) {
			return reject(field, "must be at most " + MAX_URL_LENGTH + " characters");
		}
		return WebUrls.isWebUrl(value) ? value : reject(field, "must be an absolute http(s) URL");
	}

	/** Free key/value pairs: keys are identifiers, values single-line text. */
	public Map<String, String> attributes(String field, Map<String, String> value) {
		if (value == null) {
			return Map.of();
		}
		if (value.size() > MAX_ATTRIBUTES) {
			add(field, "must have at most " + MAX_ATTRIBUTES + " entries");
			return Map.of();
		}
		Map<String, String> clean = new LinkedHashMap<>();
		value.forEach((key, text) -> {
			String path = field + "." + key;
			if (key.isEmpty() || key.length() > MAX_ATTRIBUTE_KEY || Characters.problem(key, false) != null) {
				add(path, "keys must have 1 to " + MAX_ATTRIBUTE_KEY + " characters without controls");
				return;
			}
			String cleanText = text(path, text, TextRule.line(MAX_ATTRIBUTE_VALUE, true));
			if (cleanText != null) {
				clean.put(key, cleanText);
			}
		});
		return clean;
	}

	private boolean checkPresent(String field, String value, boolean required) {
		if (value != null && !value.isEmpty()) {
			return true;
		}
		if (required) {
			add(field, "is required");
		}
		return false;
	}

	private boolean checkCharacters(String field, String value, boolean allowLineBreaks) {
		String problem = Characters.problem(value, allowLineBreaks);
		if (problem != null) {
			add(field, problem);
		}
		return problem == null;
	}

	private <T> T reject(String field, String message) {
		add(field, message);
		return null;
	}

}
