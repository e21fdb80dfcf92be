package dev.herald.support.tracing;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;

/**
 * Turns on Micrometer observation for every listener container factory that is a bean: a
 * listener then runs in a span that continues the record's {@code traceparent}, so its
 * log lines carry the trace id of the request that caused the record. Spring Boot does
 * this only for the factory it builds itself
 * ({@code spring.kafka.listener.observation-enabled}); the services build their own
 * ({@code KafkaFactories}), so it is done here, as {@code KafkaClientMetricsBinder} binds
 * their client metrics.
 * <p>
 * Templates are left alone: an observed
 * {@link org.springframework.kafka.core.KafkaTemplate} asks Kafka for the cluster id on
 * the calling thread (at start-up and before its first send), which blocks while Kafka is
 * away. Ingest observes its templates with the lookup in the background; the store's
 * relay writes each change's {@code traceparent} itself.
 */
final class KafkaObservationEnabler implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			factory.getContainerProperties().setObservationEnabled(true);
		}
		return bean;
	}

}
