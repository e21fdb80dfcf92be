package dev.herald.ingest.event;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.ingest.IngestProperties;

import org.springframework.stereotype.Component;

/**
 * The idempotency record: the outcome of every event id answered in the retention window
 * (24 h by default), bounded in size. It lives in this instance's memory only; the store
 * drops duplicate event ids anyway, so a miss costs a redundant record, never a duplicate
 * notification.
 */
@Component
class AnsweredEvents {

	private final Cache<String, Outcome> outcomes;

	AnsweredEvents(IngestProperties properties) {
		this.outcomes = Caffeine.newBuilder()
			.expireAfterWrite(properties.dedup().retention())
			.maximumSize(properties.dedup().maxEntries())
			.build();
	}

	Optional<Outcome> find(String eventId) {
		return Optional.ofNullable(this.outcomes.getIfPresent(eventId));
	}

	void remember(Outcome outcome) {
		this.outcomes.put(outcome.eventId(), outcome);
	}

}
