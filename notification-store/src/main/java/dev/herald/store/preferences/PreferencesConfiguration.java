package dev.herald.store.preferences;

import dev.herald.schema.UserPreferences;
import dev.herald.schema.topic.Topics;
import dev.herald.support.kafka.KafkaFactories;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The idempotent producer of {@code user-preferences.v1}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PreferencesProperties.class)
class PreferencesConfiguration {

	@Bean
	KafkaTemplate<String, UserPreferences> userPreferencesTemplate(KafkaProperties kafkaProperties) {
		return KafkaFactories.template(kafkaProperties, Topics.USER_PREFERENCES);
	}

}
