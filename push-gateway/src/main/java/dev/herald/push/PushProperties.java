package dev.herald.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the push gateway ({@code herald.push.*}).
 *
 * @param storeUrl base URL of the notification store's REST API
 * @param storeTimeout connect and read timeout of store calls
 * @param storeConcurrency store calls in flight at once; more wait their turn, so a
 * connection ramp (one {@code hello} lookup per connection) is served at the store's pace
 * instead of swamping it into timeouts
 * @param storeQueueTimeout longest a store call waits for its turn before the session is
 * closed with 1013
 * @param storePageSize changes fetched per change-feed page during a resume (≤ 500)
 * @param helloBatchSize most {@code hello} lookups sent to the store in one call (≤ 1000)
 * @param allowedOrigins browser origins allowed to open a connection (same origin always
 * is)
 * @param maxConnections connections this instance accepts before answering 503
 * @param retryAfter the {@code Retry-After} sent with a 503
 * @param maxSessionsPerUser sessions one user may hold here; the oldest is closed beyond
 * @param maxPendingFrames changes queued for one session before it counts as a slow
 * consumer and is closed
 * @param outboundBufferBytes bytes buffered for one session while a send is in progress
 * @param sendTimeLimit longest a single send may take before the session is closed
 * @param pingInterval how often the server pings each connection
 * @param idleTimeout a connection with no inbound frame (pong included) for this long is
 * closed as dead
 * @param maxInboundMessageBytes largest client message accepted
 * @param inboundPerSecond sustained client messages per second per session
 * @param inboundBurst client messages allowed in a burst
 * @param resumeWait how long a new session waits for {@code resume} before it goes live
 * from the {@code hello} seq
 * @param shutdownJitter clients are told to reconnect within this long on shutdown
 * @param permessageDeflate whether a client that offers permessage-deflate gets it; off,
 * since Tomcat's deflate keeps about 300 KB of native zlib state per connection for as
 * long as it is open (docs/benchmarks.md)
 */
@Validated
@ConfigurationProperties("herald.push")
public record PushProperties(@DefaultValue("http://localhost:8082") @NotNull URI storeUrl,
		@DefaultValue("5s") @PositiveDuration Duration storeTimeout, @DefaultValue("32") @Positive int storeConcurrency,
		@DefaultValue("30s") @PositiveDuration Duration storeQueueTimeout,
		@DefaultValue("200") @Positive int storePageSize, @DefaultValue("500") @Positive int helloBatchSize,
		@DefaultValue( {
				"http://localhost:8080", "http://127.0.0.1:8080" }) @NotNull List<@NotBlank String> allowedOrigins,
		@DefaultValue("10000") @Positive int maxConnections, @DefaultValue("5s") @PositiveDuration Duration retryAfter,
		@DefaultValue("10") @Positive int maxSessionsPerUser, @DefaultValue("256") @Positive int maxPendingFrames,
		@DefaultValue("524288") @Positive int outboundBufferBytes,
		@DefaultValue("10s") @PositiveDuration Duration sendTimeLimit,
		@DefaultValue("25s") @PositiveDuration Duration pingInterval,
		@DefaultValue("75s") @PositiveDuration Duration idleTimeout,
		@DefaultValue("4096") @Positive int maxInboundMessageBytes, @DefaultValue("10") @Positive int inboundPerSecond,
		@DefaultValue("20") @Positive int inboundBurst, @DefaultValue("2s") @PositiveDuration Duration resumeWait,
		@DefaultValue("10s") @NotNull Duration shutdownJitter, @DefaultValue("false") boolean permessageDeflate){

}
