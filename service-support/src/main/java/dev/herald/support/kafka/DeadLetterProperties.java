package dev.herald.support.kafka;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retries of a failing record before it goes to its dead-letter topic, and of one that
 * failed for an outage, which never goes there.
 *
 * @param retries attempts after the first
 * @param initialInterval first back-off
 * @param maxInterval longest back-off
 * @param outageMaxInterval longest back-off while a dependency is away (see
 * {@link OutageClassifier}); the first is {@code initialInterval}
 */
@Validated
@ConfigurationProperties("herald.kafka.dead-letter")
public record DeadLetterProperties(@DefaultValue("3") @Min(0) int retries,
		@DefaultValue("200ms") @PositiveDuration Duration initialInterval,
		@DefaultValue("2s") @PositiveDuration Duration maxInterval,
		@DefaultValue("2s") @PositiveDuration Duration outageMaxInterval) {

}
