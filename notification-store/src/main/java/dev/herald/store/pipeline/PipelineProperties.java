package dev.herald.store.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("herald.store.pipeline")
record PipelineProperties(@DefaultValue("1h") Duration aggregationWindow, @DefaultValue("50") int spamLimit,
		@DefaultValue("3") int concurrency, @DefaultValue("2m") Duration databasePatience) {

}
