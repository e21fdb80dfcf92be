package dev.herald.ingest.web;

import java.io.IOException;

import dev.herald.ingest.IngestMetrics;
import dev.herald.ingest.IngestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Admission control for {@code /v1}: at most {@code herald.ingest.in-flight.max-requests}
 * requests and {@code max-bytes} of their bodies are handled at once; one more is
 * answered 503 problem+json with {@code Retry-After: 1} before its body is read. Requests
 * run on virtual threads, so without a bound a slow Kafka (each request waits up to
 * {@code publish-timeout} for its acknowledgement) or a burst piles requests up in the
 * heap until the JVM runs out of memory; with it the heap needed is bounded and the
 * callers, who retry with the same event ids, are told to come back. Runs first, before
 * authentication, so that a flood of any kind is bounded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InFlightLimitFilter extends OncePerRequestFilter {

	private final IngestProperties properties;

	private final HandlerExceptionResolver resolver;

	private int requests;

	private long bytes;

	InFlightLimitFilter(IngestProperties properties, IngestMetrics metrics,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.properties = properties;
		this.resolver = resolver;
		metrics.inFlight(this::requests);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long size = bodySize(request);
		String refusal = admit(size);
		if (refusal != null) {
			this.resolver.resolveException(request, response, null, new OverloadedException(refusal));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			release(size);
		}
	}

	/** Null when admitted (and counted), else why not. */
	private synchronized String admit(long size) {
		IngestProperties.InFlight limits = this.properties.inFlight();
		if (this.requests >= limits.maxRequests()) {
			return "ingest is handling " + this.requests + " requests already (herald.ingest.in-flight.max-requests)";
		}
		if (this.requests > 0 && this.bytes + size > limits.maxBytes().toBytes()) {
			return "ingest is handling " + this.bytes + " bytes of request bodies already"
					+ " (herald.ingest.in-flight.max-bytes)";
		}
		this.requests++;
		this.bytes += size;
		return null;
	}

	private synchronized void release(long size) {
		this.requests--;
		this.bytes -= size;
	}

	private synchronized int requests() {
		return this.requests;
	}

	/**
	 * The declared length, else the most a body on this path may have (the
	 * {@link BodySizeLimitFilter} enforces it).
	 */
	private long bodySize(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		if (declared >= 0) {
			return declared;
		}
		return (request.getRequestURI().endsWith(":batch") ? this.properties.maxBatchBodySize()
				: this.properties.maxBodySize())
			.toBytes();
	}

}
