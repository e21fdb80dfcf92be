package dev.herald.store.retention;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("herald.store.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1h") @PositiveDuration Duration interval,
		@DefaultValue("90d") @PositiveDuration Duration notifications,
		@DefaultValue("7d") @PositiveDuration Duration changes,
		@DefaultValue("7d") @PositiveDuration Duration processedEvents, @DefaultValue("1000") @Positive int batchSize) {

}
