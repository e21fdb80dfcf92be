package dev.herald.store.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.herald.schema.SocialEvent;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.Notifications;
import dev.herald.store.preferences.PreferencesCache;
import dev.herald.support.tracing.TraceContexts;
import io.micrometer.tracing.Span;

import org.springframework.stereotype.Component;

/**
 * The work of one batch inside its transaction: claim the event ids, queue the fan-out of
 * topic events, lock the recipients' ledgers in id order, read what the batch needs in a
 * few queries, apply each event in order, then write everything in batches.
 */
@Component
class BatchProcessor {

	private final Ledger ledger;

	private final Notifications notifications;

	private final PreferencesCache preferences;

	private final ProcessedEvents processed;

	private final NotificationEvents notificationEvents;

	private final RemovalEvents removalEvents;

	private final TopicEvents topicEvents;

	private final PipelineMetrics metrics;

	private final PipelineProperties properties;

	private final TraceContexts traces;

	BatchProcessor(Ledger ledger, Notifications notifications, PreferencesCache preferences, ProcessedEvents processed,
			NotificationEvents notificationEvents, RemovalEvents removalEvents, TopicEvents topicEvents,
			PipelineMetrics metrics, PipelineProperties properties, TraceContexts traces) {
		this.ledger = ledger;
		this.notifications = notifications;
		this.preferences = preferences;
		this.processed = processed;
		this.notificationEvents = notificationEvents;
		this.removalEvents = removalEvents;
		this.topicEvents = topicEvents;
		this.metrics = metrics;
		this.properties = properties;
		this.traces = traces;
	}

	/**
	 * Applies the events in the caller's transaction. The batch has a span of its own,
	 * linked to the traces of its events (it works for all of them, so it belongs to
	 * none); each event is applied in a span that continues the event's trace (its
	 * record's {@code traceparent}), and the changes it emits carry that span's context
	 * to the outbox, so an event's trace goes on to the gateways.
	 */
	void apply(List<SocialEvent> events, Map<String, String> traceParents) {
		try (TraceContexts.Scope batchSpan = this.traces.linkedTo("herald.store.batch", traceParents.values())) {
			List<SocialEvent> fresh = this.topicEvents.queueFanOuts(fresh(events));
			if (fresh.isEmpty()) {
				return;
			}
			BatchContext batch = open(fresh);
			for (SocialEvent event : fresh) {
				try (TraceContexts.Scope eventSpan = this.traces.continueTrace("herald.store.event", Span.Kind.CONSUMER,
						traceParents.get(event.getEventId()))) {
					apply(event, batch);
				}
			}
			batch.writePending();
			this.processed.saveActorHours(batch.actorHours());
			batch.session().flush();
		}
	}

	private List<SocialEvent> fresh(List<SocialEvent> events) {
		Set<String> unseen = this.processed.claim(events.stream().map(SocialEvent::getEventId).toList());
		List<SocialEvent> fresh = new ArrayList<>(unseen.size());
		for (SocialEvent event : events) {
			if (unseen.remove(event.getEventId())) {
				fresh.add(event);
			}
			else {
				this.metrics.dropped(DropReason.DUPLICATE);
			}
		}
		return fresh;
	}

	private BatchContext open(List<SocialEvent> events) {
		List<String> recipients = events.stream()
			.map(SocialEvent::getRecipientId)
			.filter((recipient) -> !recipient.isEmpty())
			.distinct()
			.toList();
		List<String> rateUsers = new ArrayList<>();
		List<String> rateActors = new ArrayList<>();
		Set<String> rateKeys = new HashSet<>();
		for (SocialEvent event : events) {
			String actor = NotificationEvents.rateActor(event);
			if (rateKeys.add(ProcessedEvents.rateKey(event.getRecipientId(), actor))) {
				rateUsers.add(event.getRecipientId());
				rateActors.add(actor);
			}
		}
		Ledger.Session session = this.ledger.open();
		session.lock(recipients);
		BatchContext batch = new BatchContext(session, this.preferences.findAll(recipients), this.notifications,
				this.processed.actorHours(rateUsers, rateActors),
				Instant.now().minus(this.properties.aggregationWindow()));
		batch.preloadAggregates(events, events.stream().map(NotificationEvents::aggregateKey).toList());
		return batch;
	}

	private void apply(SocialEvent event, BatchContext batch) {
		switch (event.getKind()) {
			case REACTION_REMOVED -> this.removalEvents.retract(event, batch);
			case CONTENT_DELETED -> this.removalEvents.deleteContent(event, batch);
			case USER_DELETED -> this.removalEvents.eraseUser(event, batch);
			default -> this.notificationEvents.apply(event, batch);
		}
	}

}
