package dev.herald.support.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * The JSON converter of every service's request and response bodies. Requests are read
 * strictly, so that nothing a caller sends is silently bent: unknown fields, repeated
 * fields and trailing content are errors, and no scalar is coerced ({@code "true"} or
 * {@code 1} for a boolean, {@code "9"} or {@code 2.5} for a whole number, {@code 12345}
 * for a text, a number for an enum). The body's text is checked first
 * ({@link JsonBodyText}). Only request binding is strict: the services' own JSON (stored
 * rows, messages) keeps the application's mapper.
 */
class StrictJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

	StrictJsonHttpMessageConverter(JsonMapper mapper) {
		super(strict(mapper));
	}

	/** {@code mapper} with strict reading. */
	static JsonMapper strict(JsonMapper mapper) {
		return mapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfigDefaults((all) -> all.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

	@Override
	public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
		return super.read(type, checked(input), hints);
	}

	@Override
	protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
		return super.readInternal(type, checked(input));
	}

	private HttpInputMessage checked(HttpInputMessage input) throws IOException {
		// a declared length sizes the buffer: readAllBytes allocates 16 KiB at least
		long declared = input.getHeaders().getContentLength();
		byte[] body = (declared >= 0 && declared < Integer.MAX_VALUE) ? input.getBody().readNBytes((int) declared)
				: input.getBody().readAllBytes();
		try {
			JsonBodyText.check(body, getCharset(input.getHeaders().getContentType()), getMapper());
		}
		catch (UnreadableTextException ex) {
			throw new HttpMessageNotReadableException(ex.field() + " " + ex.getMessage(), ex, input);
		}
		return new BufferedInput(input.getHeaders(), body);
	}

	/** The request with its body already read and checked. */
	private record BufferedInput(HttpHeaders headers, byte[] body) implements HttpInputMessage {

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
