package dev.herald.store.broadcast;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How broadcasts are fanned out.
 *
 * @param enabled whether this instance runs the broadcast scheduler
 * @param pollInterval pause between two polls for due broadcasts
 * @param batchSize recipients published per batch (one transaction, one wait for acks)
 * @param batchesPerPoll full batches one poll runs at most: a poll publishes up to
 * {@code batchSize × batchesPerPoll} recipients, over one broadcast or many small ones,
 * which caps the pace of a fan-out so the pipeline keeps serving other events
 * @param lease how long a claim holds without a new batch; then another instance resumes
 * @param sendTimeout how long a batch waits for Kafka's acknowledgements
 * @param maxFailures failed batches in a row after which a broadcast is marked FAILED
 * @param maxUserIds most user ids an explicit audience may list
 * @param clockSkew how far in the past {@code scheduledAt} may be
 */
@Validated
@ConfigurationProperties("herald.store.broadcasts")
record BroadcastProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1s") @PositiveDuration Duration pollInterval, @DefaultValue("500") @Positive int batchSize,
		@DefaultValue("10") @Positive int batchesPerPoll, @DefaultValue("30s") @PositiveDuration Duration lease,
		@DefaultValue("30s") @PositiveDuration Duration sendTimeout, @DefaultValue("10") @Positive int maxFailures,
		@DefaultValue("10000") @Positive int maxUserIds, @DefaultValue("1m") @NotNull Duration clockSkew) {

}
