package dev.herald.support.kafka;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Binds the Kafka client metrics (consumer lag per partition, fetch and commit rates,
 * producer sends and errors) of every consumer and producer factory a service creates to
 * Micrometer, so they appear in {@code /actuator/prometheus}: the factories are Herald's
 * own ({@link KafkaFactories}), and Spring Boot binds only those it creates itself.
 * Factories are found as beans or behind the listener container factories and templates
 * that are beans; each is bound once.
 */
public final class KafkaClientMetricsBinder implements BeanPostProcessor {

	private final ObjectProvider<MeterRegistry> registry;

	private final Set<Object> bound = Collections.newSetFromMap(new IdentityHashMap<>());

	public KafkaClientMetricsBinder(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			bind(factory.getConsumerFactory());
		}
		else if (bean instanceof KafkaTemplate<?, ?> template) {
			bind(template.getProducerFactory());
		}
		else if (bean instanceof ConsumerFactory<?, ?> consumers) {
			bind(consumers);
		}
		else if (bean instanceof ProducerFactory<?, ?> producers) {
			bind(producers);
		}
		return bean;
	}

	/** Binds a consumer factory's clients; once per factory. */
	public synchronized void bind(ConsumerFactory<?, ?> consumers) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (consumers != null && meters != null && this.bound.add(consumers)) {
			consumers.addListener(new MicrometerConsumerListener<>(meters));
		}
	}

	/** Binds a producer factory's clients; once per factory. */
	public synchronized void bind(ProducerFactory<?, ?> producers) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (producers != null && meters != null && this.bound.add(producers)) {
			producers.addListener(new MicrometerProducerListener<>(meters));
		}
	}

}
