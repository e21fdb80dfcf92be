package dev.herald.ingest.event;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The 202 answer: which events were written to Kafka and which were dropped on purpose.
 *
 * @param accepted ids of the events written, in request order
 * @param dropped the events accepted but not forwarded, with the reason
 */
@Schema(description = "Events written to Kafka and events dropped on purpose (e.g. self_action)")
public record IngestResult(List<String> accepted, List<Dropped> dropped) {

	static IngestResult of(List<Outcome> outcomes) {
		return new IngestResult(outcomes.stream().filter(Outcome::isAccepted).map(Outcome::eventId).toList(),
				outcomes.stream()
					.filter((outcome) -> !outcome.isAccepted())
					.map((outcome) -> new Dropped(outcome.eventId(), outcome.droppedReason()))
					.toList());
	}

	/**
	 * An event that was accepted but not forwarded.
	 *
	 * @param eventId the event
	 * @param reason why, e.g. {@code self_action}
	 */
	public record Dropped(String eventId, String reason) {

	}

}
