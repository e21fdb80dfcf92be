package dev.herald.support.text;

import dev.herald.schema.text.NotificationTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Loads the notification texts ({@link NotificationTexts#preload()}) once every bean is
 * created, before the web server and the Kafka listeners start, so no request or record
 * waits for ICU to load. {@code herald.texts.preload=false} for a service that renders no
 * text (ingest).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "herald.texts.preload", havingValue = "true", matchIfMissing = true)
public class HeraldTextsAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HeraldTextsAutoConfiguration.class);

	@Bean
	SmartInitializingSingleton heraldTextsPreload() {
		return () -> {
			long started = System.nanoTime();
			int templates = NotificationTexts.preload();
			log.info("Loaded {} notification templates in {} ms", templates, (System.nanoTime() - started) / 1_000_000);
		};
	}

}
