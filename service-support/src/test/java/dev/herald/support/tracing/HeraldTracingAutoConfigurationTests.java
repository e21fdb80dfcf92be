package dev.herald.support.tracing;

import java.nio.charset.StandardCharsets;

import io.micrometer.tracing.Span;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener container factories a service builds are observed, and without a tracer
 * the trace hand-offs do nothing.
 */
class HeraldTracingAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeraldTracingAutoConfiguration.class))
		.withBean("eventsListenerFactory", ConcurrentKafkaListenerContainerFactory.class,
				ConcurrentKafkaListenerContainerFactory::new);

	@Test
	void theServicesOwnListenerContainersAreObserved() {
		this.contexts.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
			.getContainerProperties()
			.isObservationEnabled()).isTrue());
	}

	@Test
	void withoutATracerThereIsNoTraceParentAndNoSpan() {
		this.contexts.run((context) -> {
			TraceContexts traces = context.getBean(TraceContexts.class);
			try (TraceContexts.Scope scope = traces.continueTrace("work", Span.Kind.CONSUMER,
					"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")) {
				assertThat(traces.currentTraceParent()).isNull();
			}
		});
	}

	@Test
	void aRecordsTraceParentIsItsLastHeader() {
		RecordHeaders headers = new RecordHeaders();
		assertThat(TraceContexts.traceParent(headers)).isNull();
		headers.add(TraceContexts.TRACEPARENT, "00-aa-bb-01".getBytes(StandardCharsets.US_ASCII));
		headers.add(TraceContexts.TRACEPARENT, "00-cc-dd-01".getBytes(StandardCharsets.US_ASCII));
		assertThat(TraceContexts.traceParent(headers)).isEqualTo("00-cc-dd-01");
	}

}
