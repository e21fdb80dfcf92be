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
 */
@ConfigurationProperties("herald.ingest")
public record IngestProperties(@DefaultValue("500") int maxBatchSize, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("4MB") DataSize maxBatchBodySize, @DefaultValue("5m") Duration maxClockSkew,
		@DefaultValue("30d") Duration maxEventAge, @DefaultValue("5s") Duration publishTimeout,
		@DefaultValue Dedup dedup) {

	/**
	 * The per-instance record of answered event ids.
	 *
	 * @param retention how long an answer is repeated for the same event id
	 * @param maxEntries most event ids kept; the oldest go first
	 */
	public record Dedup(@DefaultValue("24h") Duration retention, @DefaultValue("200000") long maxEntries) {

	}

}
