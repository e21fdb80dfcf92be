package dev.herald.support.tracing;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Tracing for Herald's Kafka paths (see docs/operations.md, Tracing): observation on the
 * services' own listener containers, and {@link TraceContexts} for the hand-offs no
 * client observes. Sampling and export are Spring Boot's
 * ({@code management.tracing.sampling.probability},
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}).
 */
@AutoConfiguration
@ConditionalOnClass({ KafkaTemplate.class, Tracer.class })
public class HeraldTracingAutoConfiguration {

	@Bean
	static KafkaObservationEnabler heraldKafkaObservation() {
		return new KafkaObservationEnabler();
	}

	@Bean
	TraceContexts heraldTraceContexts(ObjectProvider<Tracer> tracer) {
		return new TraceContexts(tracer);
	}

}
