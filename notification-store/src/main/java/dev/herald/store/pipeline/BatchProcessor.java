package dev.herald.store.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.herald.schema.SocialEvent;
import dev.herald.store.notification.Ledger;
import dev.herald.store.preferences.Preferences;
import dev.herald.store.preferences.PreferencesRepository;

import org.springframework.stereotype.Component;

/**
 * The work of one batch inside its transaction: claim the event ids, lock the recipients'
 * ledgers in id order, apply each event in order, flush the ledger.
 */
@Component
class BatchProcessor {

	private final Ledger ledger;

	private final PreferencesRepository preferences;

	private final ProcessedEvents processed;

	private final NotificationEvents notificationEvents;

	private final RemovalEvents removalEvents;

	private final PipelineMetrics metrics;

	BatchProcessor(Ledger ledger, PreferencesRepository preferences, ProcessedEvents processed,
			NotificationEvents notificationEvents, RemovalEvents removalEvents, PipelineMetrics metrics) {
		this.ledger = ledger;
		this.preferences = preferences;
		this.processed = processed;
		this.notificationEvents = notificationEvents;
		this.removalEvents = removalEvents;
		this.metrics = metrics;
	}

	void apply(List<SocialEvent> events) {
		Set<String> fresh = this.processed.claim(events.stream().map(SocialEvent::getEventId).toList());
		List<String> recipients = events.stream()
			.filter((event) -> fresh.contains(event.getEventId()))
			.map(SocialEvent::getRecipientId)
			.toList();
		Ledger.Session session = this.ledger.open();
		session.lock(recipients);
		Map<String, Preferences> preferencesByUser = this.preferences.findAll(recipients);
		for (SocialEvent event : events) {
			if (fresh.remove(event.getEventId())) {
				apply(event, session, preferencesByUser.get(event.getRecipientId()));
			}
			else {
				this.metrics.dropped(DropReason.DUPLICATE);
			}
		}
		session.flush();
	}

	private void apply(SocialEvent event, Ledger.Session session, Preferences preferences) {
		switch (event.getKind()) {
			case REACTION_REMOVED -> this.removalEvents.retract(event, session);
			case CONTENT_DELETED -> this.removalEvents.deleteContent(event, session);
			case USER_DELETED -> this.removalEvents.eraseUser(event, session);
			default -> this.notificationEvents.apply(event, session, preferences);
		}
	}

}
