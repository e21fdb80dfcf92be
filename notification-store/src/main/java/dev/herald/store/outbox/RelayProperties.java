package dev.herald.store.outbox;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the outbox relay.
 *
 * @param enabled whether this instance runs a relay
 * @param batchSize changes read per query
 * @param safetyPoll how long the relay waits for a notification before looking anyway
 * @param sendTimeout how long a batch may wait for Kafka acknowledgements
 * @param retryDelay pause after a database or Kafka failure
 * @param cursorInterval how often the leader saves how far Kafka acknowledged
 */
@Validated
@ConfigurationProperties("herald.store.relay")
record RelayProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") @Positive int batchSize,
		@DefaultValue("5s") @PositiveDuration Duration safetyPoll,
		@DefaultValue("30s") @PositiveDuration Duration sendTimeout,
		@DefaultValue("1s") @PositiveDuration Duration retryDelay,
		@DefaultValue("200ms") @PositiveDuration Duration cursorInterval) {

}
