package dev.herald.support.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the text of a JSON body before it is bound. Jackson decodes UTF-8 leniently
 * (overlong {@code C0 AF} becomes {@code /}, encoded surrogates and bytes above
 * {@code F4} pass) and keeps unpaired surrogate escapes, which end up stored as
 * {@code ?}; the JDK's decoder refuses all of those, and a token pass finds the escapes.
 * Either problem is reported with the field it was found in.
 */
final class JsonBodyText {

	/** A {@code \}{@code uD800}-{@code \}{@code uDFFF} escape may be in the text. */
	private static final Pattern SURROGATE_ESCAPE = Pattern.compile("\\\\u[dD][89abcdefABCDEF]");

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private JsonBodyText() {
	}

	/**
	 * Throws {@link UnreadableTextException} naming the field whose text is invalid.
	 * Malformed JSON passes: binding reports it.
	 */
	static void check(byte[] body, Charset charset, JsonMapper mapper) {
		String text = decode(body, charset, mapper);
		if (SURROGATE_ESCAPE.matcher(text).find()) {
			findUnpairedSurrogate(withoutByteOrderMark(text), mapper);
		}
	}

	private static String decode(byte[] body, Charset charset, JsonMapper mapper) {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(body);
		CharBuffer out = CharBuffer.allocate((int) (body.length * (double) decoder.maxCharsPerByte()) + 16);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			int at = in.position();
			String before = out.flip().toString();
			throw new UnreadableTextException(fieldAtEnd(withoutByteOrderMark(before), mapper), "is not valid "
					+ charset.name() + " (a malformed, overlong or truncated sequence at byte " + at + ")");
		}
		return out.flip().toString();
	}

	private static void findUnpairedSurrogate(String text, JsonMapper mapper) {
		try (JsonParser parser = mapper.createParser(text)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				String value = (token == JsonToken.PROPERTY_NAME) ? parser.currentName()
						: (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
				int index = (value != null) ? unpairedSurrogate(value) : -1;
				if (index >= 0) {
					throw new UnreadableTextException(JsonPaths.of(parser.streamReadContext()),
							"is not valid Unicode (unpaired surrogate at index " + index + ")");
				}
			}
		}
		catch (JacksonException ex) {
			// Malformed JSON: binding answers it with its own problem.
		}
	}

	/** Index of the first unpaired surrogate of {@code value}, or -1. */
	static int unpairedSurrogate(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The field whose text {@code prefix} (the body up to an invalid byte) ends in: the
	 * value or element of an unterminated string, else the whole body.
	 */
	private static String fieldAtEnd(String prefix, JsonMapper mapper) {
		int quote = openStringStart(prefix);
		if (quote < 0) {
			return JsonPaths.BODY;
		}
		TokenStreamContext context = contextAtEnd(prefix, mapper);
		if (context == null) {
			return JsonPaths.BODY;
		}
		boolean isName = context.inObject() && lastNonSpaceBefore(prefix, quote) != ':';
		return isName ? JsonPaths.of(context.getParent()) : JsonPaths.of(context);
	}

	private static TokenStreamContext contextAtEnd(String prefix, JsonMapper mapper) {
		try (JsonParser parser = mapper.createParser(prefix)) {
			try {
				while (parser.nextToken() != null) {
					// read up to the cut
				}
			}
			catch (JacksonException ex) {
				// the cut, or malformed JSON before it
			}
			return parser.streamReadContext();
		}
	}

	/** Where the string still open at the end of {@code text} starts, or -1. */
	private static int openStringStart(String text) {
		int start = -1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (start >= 0 && c == '\\') {
				i++;
			}
			else if (c == '"') {
				start = (start >= 0) ? -1 : i;
			}
		}
		return start;
	}

	private static char lastNonSpaceBefore(String text, int index) {
		for (int i = index - 1; i >= 0; i--) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return text.charAt(i);
			}
		}
		return 0;
	}

	private static String withoutByteOrderMark(String text) {
		return (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) ? text.substring(1) : text;
	}

}
