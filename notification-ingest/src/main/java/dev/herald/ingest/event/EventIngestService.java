package dev.herald.ingest.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.herald.ingest.IngestMetrics;
import dev.herald.ingest.IngestProperties;
import dev.herald.ingest.input.Fields;
import dev.herald.ingest.input.IdempotencyKey;
import dev.herald.ingest.publish.KafkaPublisher;
import dev.herald.schema.SocialEvent;

import org.springframework.stereotype.Service;

/**
 * Takes a request's events all together or not at all: every event is checked first, then
 * events already answered are answered again, self-actions are dropped, and the rest are
 * written to Kafka; the answer comes only once Kafka acknowledged them.
 */
@Service
class EventIngestService {

	private final EventReader reader;

	private final AnsweredEvents answered;

	private final KafkaPublisher publisher;

	private final IngestMetrics metrics;

	private final int maxBatchSize;

	EventIngestService(EventReader reader, AnsweredEvents answered, KafkaPublisher publisher, IngestMetrics metrics,
			IngestProperties properties) {
		this.reader = reader;
		this.answered = answered;
		this.publisher = publisher;
		this.metrics = metrics;
		this.maxBatchSize = properties.maxBatchSize();
	}

	IngestResult ingest(EventRequest request, String idempotencyKey, String caller) {
		Fields fields = new Fields();
		IdempotencyKey key = IdempotencyKey.of(fields, idempotencyKey, caller);
		SocialEvent event = this.reader.read(fields, "", request, (key != null) ? key.eventId() : null);
		fields.throwIfAny();
		return publish(List.of(event));
	}

	IngestResult ingestBatch(BatchRequest batch, String idempotencyKey, String caller) {
		Fields fields = new Fields();
		IdempotencyKey key = IdempotencyKey.of(fields, idempotencyKey, caller);
		List<EventRequest> requests = checkSize(fields, batch.events());
		List<SocialEvent> events = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			EventRequest request = requests.get(i);
			String prefix = "events[" + i + "]";
			String derivedId = (key != null) ? key.eventId(i) : null;
			events.add(fields.present(prefix, request, true, "(null is not an event)")
					? this.reader.read(fields, prefix + ".", request, derivedId) : null);
		}
		checkUniqueIds(fields, events);
		fields.throwIfAny();
		return publish(events);
	}

	private List<EventRequest> checkSize(Fields fields, List<EventRequest> requests) {
		if (requests == null || requests.isEmpty()) {
			fields.add("events", "must hold at least one event");
			return List.of();
		}
		if (requests.size() > this.maxBatchSize) {
			fields.add("events", "must hold at most " + this.maxBatchSize + " events, it has " + requests.size());
			return List.of();
		}
		return requests;
	}

	private static void checkUniqueIds(Fields fields, List<SocialEvent> events) {
		Map<String, Integer> first = new HashMap<>();
		for (int i = 0; i < events.size(); i++) {
			SocialEvent event = events.get(i);
			Integer earlier = (event != null) ? first.putIfAbsent(event.getEventId(), i) : null;
			if (earlier != null) {
				fields.add("events[" + i + "].eventId", "repeats the eventId of events[" + earlier + "]");
			}
		}
	}

	private IngestResult publish(List<SocialEvent> events) {
		List<Outcome> outcomes = new ArrayList<>();
		List<SocialEvent> fresh = new ArrayList<>();
		for (SocialEvent event : events) {
			outcomes
				.add(this.answered.find(event.getEventId()).map(this::repeated).orElseGet(() -> decide(event, fresh)));
		}
		this.publisher.publishEvents(fresh,
				(written) -> this.answered.remember(Outcome.accepted(written.getEventId())));
		fresh.forEach((event) -> this.metrics.accepted(event.getKind().name()));
		return IngestResult.of(outcomes);
	}

	private Outcome repeated(Outcome outcome) {
		this.metrics.duplicate();
		return outcome;
	}

	private Outcome decide(SocialEvent event, List<SocialEvent> fresh) {
		if (isSelfAction(event)) {
			Outcome dropped = Outcome.dropped(event.getEventId(), Outcome.SELF_ACTION);
			this.answered.remember(dropped);
			this.metrics.dropped(Outcome.SELF_ACTION);
			return dropped;
		}
		fresh.add(event);
		return Outcome.accepted(event.getEventId());
	}

	private static boolean isSelfAction(SocialEvent event) {
		return event.getActor() != null && Objects.equals(event.getActor().getId(), event.getRecipientId());
	}

}
