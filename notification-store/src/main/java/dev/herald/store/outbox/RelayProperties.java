package dev.herald.store.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("herald.store.relay")
record RelayProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize,
		@DefaultValue("5s") Duration safetyPoll, @DefaultValue("30s") Duration sendTimeout,
		@DefaultValue("1s") Duration retryDelay, @DefaultValue("200ms") Duration cursorInterval) {

}
