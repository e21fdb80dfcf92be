package dev.herald.support.tracing;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Carries a trace across the places where Herald hands work on by itself rather than
 * through an observed client: a change row waiting in the outbox, a record read by the
 * push gateway's own consumer. The context travels as a W3C {@code traceparent}
 * ({@code 00-<trace id>-<span id>-<flags>}), the header Spring Kafka's observation writes
 * and reads. Without a tracer (tracing switched off) every method is a no-op.
 */
public final class TraceContexts {

	/** The header, and the outbox column's content. */
	public static final String TRACEPARENT = "traceparent";

	private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final Scope NONE = () -> {
	};

	private final ObjectProvider<Tracer> tracer;

	public TraceContexts(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * The {@code traceparent} of the current span, or {@code null} when there is none.
	 */
	public String currentTraceParent() {
		Tracer tracer = this.tracer.getIfAvailable();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		if (span == null) {
			return null;
		}
		TraceContext context = span.context();
		return "00-" + context.traceId() + "-" + context.spanId() + "-"
				+ (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
	}

	/** The {@code traceparent} header of a record, or {@code null}. */
	public static String traceParent(Headers headers) {
		Header header = (headers != null) ? headers.lastHeader(TRACEPARENT) : null;
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.US_ASCII)
				: null;
	}

	/**
	 * Starts a span and puts it in scope until the scope is closed: a child of
	 * {@code traceParent}, or of the current span when that is absent or malformed.
	 */
	public Scope continueTrace(String name, Span.Kind kind, String traceParent) {
		Tracer tracer = this.tracer.getIfAvailable();
		if (tracer == null) {
			return NONE;
		}
		Span.Builder builder = tracer.spanBuilder().name(name).kind(kind);
		TraceContext parent = parse(tracer, traceParent);
		if (parent != null) {
			builder.setParent(parent);
		}
		else if (tracer.currentTraceContext().context() != null) {
			builder.setParent(tracer.currentTraceContext().context());
		}
		return inScope(tracer, builder.start());
	}

	/**
	 * Starts a span that is linked to the traces of many records (a batch that works for
	 * all of them belongs to none), in scope until closed.
	 */
	public Scope linkedTo(String name, Collection<String> traceParents) {
		Tracer tracer = this.tracer.getIfAvailable();
		if (tracer == null) {
			return NONE;
		}
		Span.Builder builder = tracer.spanBuilder().name(name);
		for (String traceParent : traceParents) {
			TraceContext linked = parse(tracer, traceParent);
			if (linked != null) {
				builder.addLink(new Link(linked));
			}
		}
		return inScope(tracer, builder.start());
	}

	private static Scope inScope(Tracer tracer, Span span) {
		Tracer.SpanInScope scope = tracer.withSpan(span);
		return () -> {
			scope.close();
			span.end();
		};
	}

	private static TraceContext parse(Tracer tracer, String traceParent) {
		if (traceParent == null) {
			return null;
		}
		var matcher = W3C.matcher(traceParent);
		if (!matcher.matches()) {
			return null;
		}
		return tracer.traceContextBuilder()
			.traceId(matcher.group(1))
			.spanId(matcher.group(2))
			.sampled((Integer.parseInt(matcher.group(3), 16) & 1) == 1)
			.build();
	}

	/** A span in scope; closing it ends the span. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
