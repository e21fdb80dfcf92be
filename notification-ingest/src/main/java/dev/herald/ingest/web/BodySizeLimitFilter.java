package dev.herald.ingest.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.herald.ingest.IngestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses {@code /v1} bodies over {@code herald.ingest.max-body-size} (batches:
 * {@code max-batch-body-size}) with 413, by the declared length or, for chunked bodies,
 * after reading one byte more than the limit. Runs after authentication.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

	private final IngestProperties properties;

	private final HandlerExceptionResolver resolver;

	BodySizeLimitFilter(IngestProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.properties = properties;
		this.resolver = resolver;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/") || "GET".equals(request.getMethod())
				|| "DELETE".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		DataSize limit = request.getRequestURI().endsWith(":batch") ? this.properties.maxBatchBodySize()
				: this.properties.maxBodySize();
		if (request.getContentLengthLong() > limit.toBytes()) {
			this.resolver.resolveException(request, response, null, new BodyTooLargeException(limit));
			return;
		}
		// one byte more than the limit tells a body over it; a declared length sizes the
		// buffer (readNBytes would otherwise allocate 16 KiB for every small event)
		long declared = request.getContentLengthLong();
		int wanted = Math.toIntExact((declared >= 0) ? declared + 1 : limit.toBytes() + 1);
		byte[] body = request.getInputStream().readNBytes(wanted);
		if (body.length > limit.toBytes()) {
			this.resolver.resolveException(request, response, null, new BodyTooLargeException(limit));
			return;
		}
		chain.doFilter(new BufferedBody(request, body), response);
	}

	/** The request with its body already read into memory. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				// one exact copy instead of InputStream's 16 KiB chunks (a chunked body)
				@Override
				public byte[] readAllBytes() {
					return bytes.readAllBytes();
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// Servlet spec: IllegalStateException unless the request is async or
					// upgraded
					throw new IllegalStateException("Synchronous reads only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
					: StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

}
