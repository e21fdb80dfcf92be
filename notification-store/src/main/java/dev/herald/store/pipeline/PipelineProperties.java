package dev.herald.store.pipeline;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the event pipeline.
 *
 * @param aggregationWindow how long an unread reaction or comment notification keeps
 * absorbing newer ones on the same content
 * @param spamLimit notifications one actor may cause one recipient per hour
 * @param concurrency listener threads consuming {@code social.events.v1}
 * @param databasePatience how long a batch keeps retrying a deadlock or an unreachable
 * database before it fails (keep it below the consumer's {@code max.poll.interval.ms})
 */
@Validated
@ConfigurationProperties("herald.store.pipeline")
record PipelineProperties(@DefaultValue("1h") @PositiveDuration Duration aggregationWindow,
		@DefaultValue("50") @Positive int spamLimit, @DefaultValue("3") @Positive int concurrency,
		@DefaultValue("2m") @PositiveDuration Duration databasePatience) {

}
