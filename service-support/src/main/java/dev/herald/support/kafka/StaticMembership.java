package dev.herald.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.util.StringUtils;

/**
 * Static group membership for every listener container of a service: when
 * {@code herald.kafka.instance-id} names this instance (the pod name in the chart, a
 * fixed name per replica in compose and the dev stack), each consumer joins its group
 * with {@code group.instance.id = <instance-id>-<listener id>} (Spring Kafka appends
 * {@code -<n>} per concurrent consumer). An instance that is killed and started again
 * then takes its partitions back as soon as it rejoins, instead of waiting for the dead
 * member's session to time out; no rebalance moves them meanwhile. Without an instance id
 * membership stays dynamic (tests that run several instances in one JVM).
 *
 * <p>
 * Static members do not leave their group when they stop, so the partitions of an
 * instance that is shut down for good wait for {@code session.timeout.ms} (10 s, see
 * {@link KafkaFactories#SESSION_TIMEOUT_MS}) before the others take them over.
 */
public class StaticMembership implements BeanPostProcessor, EnvironmentAware {

	/** The property naming this instance. */
	public static final String INSTANCE_ID_PROPERTY = "herald.kafka.instance-id";

	private String instanceId;

	@Override
	public void setEnvironment(Environment environment) {
		this.instanceId = Binder.get(environment).bind(INSTANCE_ID_PROPERTY, String.class).orElse(null);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ConcurrentKafkaListenerContainerFactory<?, ?> factory
				&& StringUtils.hasText(this.instanceId)) {
			apply(factory, this.instanceId.strip());
		}
		return bean;
	}

	private static <K, V> void apply(ConcurrentKafkaListenerContainerFactory<K, V> factory, String instanceId) {
		factory.setContainerCustomizer((container) -> container.getContainerProperties()
			.getKafkaConsumerProperties()
			.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
					groupInstanceId(instanceId, container.getListenerId())));
	}

	/**
	 * The static member id of one listener's consumers: unique per listener, since
	 * several listeners of a service may share a group.
	 */
	static String groupInstanceId(String instanceId, String listenerId) {
		if (!StringUtils.hasText(listenerId)) {
			throw new IllegalStateException("Static membership (" + INSTANCE_ID_PROPERTY + "=" + instanceId
					+ ") needs an explicit id on every @KafkaListener");
		}
		return instanceId + "-" + listenerId;
	}

}
