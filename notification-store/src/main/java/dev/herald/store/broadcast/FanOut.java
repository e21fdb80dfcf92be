package dev.herald.store.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.herald.schema.EventKind;
import dev.herald.schema.MessageText;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastView;
import dev.herald.store.broadcast.BroadcastDtos.Status;
import dev.herald.store.broadcast.Broadcasts.Recipient;
import dev.herald.support.kafka.KafkaAcks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one batch of one broadcast per call, in one transaction that holds the broadcast's
 * row lock: start it if due (numbering its recipients), publish the next recipients'
 * events, wait for Kafka's acknowledgements, advance the cursor and renew the lease. A
 * crash before the commit leaves the cursor where it was; whoever resumes publishes that
 * batch again with the same event ids, which the pipeline drops as duplicates.
 */
@Component
class FanOut {

	private static final Logger log = LoggerFactory.getLogger(FanOut.class);

	/** Identifies this instance as the holder of the broadcasts it runs. */
	private final UUID instance = UUID.randomUUID();

	private final Broadcasts broadcasts;

	private final KafkaTemplate<String, SocialEvent> template;

	private final TransactionTemplate transactions;

	private final BroadcastProperties properties;

	private final Counter published;

	FanOut(Broadcasts broadcasts, KafkaTemplate<String, SocialEvent> socialEventsTemplate,
			TransactionTemplate transactions, BroadcastProperties properties, MeterRegistry registry) {
		this.broadcasts = broadcasts;
		this.template = socialEventsTemplate;
		this.transactions = transactions;
		this.properties = properties;
		this.published = Counter.builder("herald.store.broadcasts.published")
			.description("Announcements published to social.events.v1 and acknowledged")
			.register(registry);
	}

	/** What {@link #runBatch()} returns when there was nothing to do (or it failed). */
	static final int NOTHING = -1;

	/**
	 * Runs one batch of the next broadcast to work on; returns how many recipients it
	 * published, or {@link #NOTHING} when there is no broadcast to work on.
	 */
	int runBatch() {
		try {
			Integer published = this.transactions
				.execute((status) -> this.broadcasts.lockNext(this.instance).map(this::runBatch).orElse(NOTHING));
			return (published != null) ? published : NOTHING;
		}
		catch (BatchFailedException ex) {
			int failures = this.broadcasts.recordFailure(ex.broadcastId, ex.getMessage());
			log.warn("Broadcast {} batch failed ({} in a row): {}", ex.broadcastId, failures, ex.getMessage());
			if (failures >= this.properties.maxFailures()) {
				this.broadcasts.finish(ex.broadcastId, Status.FAILED);
				log.error("Broadcast {} failed after {} failed batches", ex.broadcastId, failures);
			}
			return NOTHING;
		}
	}

	/**
	 * A batch shorter than the batch size is the last one: the broadcast completes in its
	 * transaction, so a small fan-out (most topic events) takes one batch, not two.
	 */
	private int runBatch(Broadcast locked) {
		Broadcast broadcast = locked;
		if (broadcast.status() == Status.SCHEDULED) {
			this.broadcasts.start(broadcast);
			broadcast = this.broadcasts.find(broadcast.id()).orElseThrow();
			log.info("Broadcast {} started for {} recipients", broadcast.id(), broadcast.view().total());
		}
		else if (!this.instance.equals(broadcast.claimedBy())) {
			log.info("Broadcast {} resumed after recipient {} of {}", broadcast.id(), broadcast.cursor(),
					broadcast.view().total());
		}
		List<Recipient> recipients = this.broadcasts.recipientsAfter(broadcast.id(), broadcast.cursor(),
				this.properties.batchSize());
		if (!recipients.isEmpty()) {
			publish(broadcast, recipients);
			this.published.increment(recipients.size());
			this.broadcasts.advance(broadcast.id(), recipients.get(recipients.size() - 1).position(),
					recipients.size());
		}
		if (recipients.size() < this.properties.batchSize()) {
			this.broadcasts.finish(broadcast.id(), Status.COMPLETED);
			log.info("Broadcast {} completed", broadcast.id());
		}
		else {
			this.broadcasts.hold(broadcast.id(), this.instance, this.properties.lease());
		}
		return recipients.size();
	}

	/**
	 * Publishes one event per recipient and waits for Kafka's acknowledgements. A send
	 * that fails at once (no metadata within {@code max.block.ms} while Kafka is away)
	 * fails the batch like a missing acknowledgement does.
	 */
	private void publish(Broadcast broadcast, List<Recipient> recipients) {
		try {
			List<CompletableFuture<?>> sends = recipients.stream()
				.<CompletableFuture<?>>map((recipient) -> this.template.send(Topics.SOCIAL_EVENTS.name(),
						recipient.userId(), event(broadcast, recipient.userId())))
				.toList();
			KafkaAcks.await(sends, this.properties.sendTimeout());
		}
		catch (KafkaAcks.UnacknowledgedException | KafkaException ex) {
			throw new BatchFailedException(broadcast.id(), "could not publish to " + Topics.SOCIAL_EVENTS.name(), ex);
		}
	}

	/**
	 * The event for one recipient, the same every time it is built: a copy of the topic
	 * event addressed to them, or the announcement.
	 */
	static SocialEvent event(Broadcast broadcast, String userId) {
		SocialEvent topicEvent = broadcast.event();
		if (topicEvent == null) {
			return event(broadcast.view(), userId);
		}
		return SocialEvent.newBuilder(topicEvent)
			.setEventId(topicEventId(topicEvent.getEventId(), userId).toString())
			.setRecipientId(userId)
			.setTopic(null)
			.build();
	}

	/** The announcement for one recipient; the same every time it is built. */
	static SocialEvent event(BroadcastView broadcast, String userId) {
		return SocialEvent.newBuilder()
			.setEventId(eventId(broadcast.id(), userId).toString())
			.setKind(EventKind.SYSTEM_ANNOUNCEMENT)
			.setOccurredAt(Optional.ofNullable(broadcast.startedAt()).orElse(Instant.now()))
			.setRecipientId(userId)
			.setMessage(new MessageText(broadcast.message().title(), broadcast.message().body()))
			.setCritical(broadcast.critical())
			.setAttributes(Map.of("broadcastId", broadcast.id().toString()))
			.build();
	}

	static UUID eventId(UUID broadcastId, String userId) {
		return UUID.nameUUIDFromBytes(("broadcast:" + broadcastId + ":" + userId).getBytes(StandardCharsets.UTF_8));
	}

	static UUID topicEventId(String topicEventId, String userId) {
		return UUID.nameUUIDFromBytes(("topic:" + topicEventId + ":" + userId).getBytes(StandardCharsets.UTF_8));
	}

	/** A batch that could not be published; its transaction rolls back. */
	static final class BatchFailedException extends RuntimeException {

		private final UUID broadcastId;

		BatchFailedException(UUID broadcastId, String message, Throwable cause) {
			super(message + ": " + cause.getMessage(), cause);
			this.broadcastId = broadcastId;
		}

	}

}
