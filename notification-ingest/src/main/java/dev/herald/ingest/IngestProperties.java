package dev.herald.ingest;

import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingest service ({@code herald.ingest.*}).
 *
 * @param maxBatchSize most events in one {@code POST /v1/events:batch}
 * @param maxBodySize largest body of a single-event or contact request
 * @param maxBatchBodySize largest body of a batch request
 * @param maxClockSkew how far in the future {@code occurredAt} may be
 * @param maxEventAge how far in the past {@code occurredAt} may be
 * @param publishTimeout the bound on waiting for Kafka to acknowledge a request's records
 * @param dedup the idempotency record
 * @param inFlight the bound on requests being handled at once
 */
@Validated
@ConfigurationProperties("herald.ingest")
public record IngestProperties(@DefaultValue("500") @Positive int maxBatchSize,
		@DefaultValue("64KB") @NotNull DataSize maxBodySize, @DefaultValue("4MB") @NotNull DataSize maxBatchBodySize,
		@DefaultValue("5m") @PositiveDuration Duration maxClockSkew,
		@DefaultValue("30d") @PositiveDuration Duration maxEventAge,
		@DefaultValue("5s") @PositiveDuration Duration publishTimeout, @DefaultValue @Valid Dedup dedup,
		@DefaultValue @Valid InFlight inFlight) {

	/**
	 * The per-instance record of answered event ids.
	 *
	 * @param retention how long an answer is repeated for the same event id
	 * @param maxEntries most event ids kept; the oldest go first
	 */
	public record Dedup(@DefaultValue("24h") @PositiveDuration Duration retention,
			@DefaultValue("200000") @Positive long maxEntries) {

	}

	/**
	 * Admission control: requests on {@code /v1} beyond these are answered 503 with
	 * {@code Retry-After} at once instead of being held in memory while Kafka is slow.
	 *
	 * @param maxRequests most requests handled at once
	 * @param maxBytes most body bytes (declared, or the path's limit when chunked) of the
	 * requests handled at once; a request larger than this alone is admitted when nothing
	 * else is in flight
	 */
	public record InFlight(@DefaultValue("256") @Positive int maxRequests,
			@DefaultValue("16MB") @NotNull DataSize maxBytes) {

	}

}
