package dev.herald.support.kafka;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * A service instance with one listener, for {@link StaticMembershipTests}: in the test's
 * JVM, or in its own JVM ({@link #main}) when it is to be killed.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class StaticMember {

	/** Long, so that only static membership can explain a quick takeover. */
	static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

	/** Partitions the in-test instance read a record from. */
	static final Set<Integer> partitionsRead = ConcurrentHashMap.newKeySet();

	static ConfigurableApplicationContext start(String bootstrapServers, String group, String instanceId) {
		return new SpringApplicationBuilder(StaticMember.class).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + bootstrapServers,
					"spring.kafka.consumer.auto-offset-reset=latest",
					"spring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
					"herald.kafka.instance-id=" + instanceId, "test.group=" + group,
					"herald.security.jwt.secret=test-secret-0123456789-0123456789-abcdef")
			.run();
	}

	/** Runs until it gets SIGKILL: {@code <bootstrap servers> <group> <instance id>}. */
	public static void main(String[] args) throws InterruptedException {
		start(args[0], args[1], args[2]);
		new CountDownLatch(1).await();
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, SocialEvent> staticFactory(KafkaProperties properties,
			CommonErrorHandler errorHandler) {
		return KafkaFactories.listenerFactory(properties, Topics.SOCIAL_EVENTS, errorHandler);
	}

	@Bean
	Listener staticListener() {
		return new Listener();
	}

	static class Listener {

		@KafkaListener(id = "static-events", idIsGroup = false, groupId = "${test.group}",
				topics = StaticMembershipTests.TOPIC, containerFactory = "staticFactory")
		void on(ConsumerRecord<String, SocialEvent> record) {
			partitionsRead.add(record.partition());
		}

	}

}
