package dev.herald.store.broadcast;

import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The idempotent producer of {@code social.events.v1} (announcements, erasures).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BroadcastProperties.class)
class BroadcastConfiguration {

	@Bean
	KafkaTemplate<String, SocialEvent> socialEventsTemplate(KafkaProperties properties) {
		return KafkaFactories.template(properties, Topics.SOCIAL_EVENTS);
	}

}
