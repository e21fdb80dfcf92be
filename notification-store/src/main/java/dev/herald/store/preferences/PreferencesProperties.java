package dev.herald.store.preferences;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the preferences cache and of their relay to {@code user-preferences.v1}.
 *
 * @param cacheSize users whose preferences the pipeline keeps in memory
 * @param cacheTtl how long a cached entry lives at most (changes invalidate it anyway)
 * @param relayEnabled whether this instance publishes the preference outbox
 * @param relayBatchSize outbox rows published per transaction
 * @param relaySafetyPoll how often the relay looks at the outbox without being woken
 * @param sendTimeout how long a batch may wait for Kafka acknowledgements
 * @param retryDelay pause before the change listener reconnects after a failure
 */
@Validated
@ConfigurationProperties("herald.store.preferences")
record PreferencesProperties(@DefaultValue("100000") @Min(0) long cacheSize,
		@DefaultValue("10m") @PositiveDuration Duration cacheTtl, @DefaultValue("true") boolean relayEnabled,
		@DefaultValue("200") @Positive int relayBatchSize,
		@DefaultValue("2s") @PositiveDuration Duration relaySafetyPoll,
		@DefaultValue("30s") @PositiveDuration Duration sendTimeout,
		@DefaultValue("1s") @PositiveDuration Duration retryDelay) {

}
