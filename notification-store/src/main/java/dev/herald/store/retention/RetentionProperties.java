package dev.herald.store.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the retention job keeps.
 *
 * @param enabled whether the scheduled job runs on this instance
 * @param interval pause between two runs
 * @param notifications age after which notifications are deleted
 * @param changes age after which published changes leave the change feed
 * @param processedEvents how long event ids are remembered against redelivery
 * @param batchSize rows deleted per transaction
 */
@ConfigurationProperties("herald.store.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
		@DefaultValue("90d") Duration notifications, @DefaultValue("7d") Duration changes,
		@DefaultValue("7d") Duration processedEvents, @DefaultValue("1000") int batchSize) {

}
