package dev.herald.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
@ConfigurationProperties("herald.ingest")
public record IngestProperties(@DefaultValue("500") int maxBatchSize, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("4MB") DataSize maxBatchBodySize, @DefaultValue("5m") Duration maxClockSkew,
		@DefaultValue("30d") Duration maxEventAge, @DefaultValue("5s") Duration publishTimeout,
		@DefaultValue Dedup dedup, @DefaultValue InFlight inFlight) {

	/**
	 * The per-instance record of answered event ids.
	 *
	 * @param retention how long an answer is repeated for the same event id
	 * @param maxEntries most event ids kept; the oldest go first
	 */
	public record Dedup(@DefaultValue("24h") Duration retention, @DefaultValue("200000") long maxEntries) {

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
	public record InFlight(@DefaultValue("256") int maxRequests, @DefaultValue("16MB") DataSize maxBytes) {

	}

}
