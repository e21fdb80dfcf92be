package dev.herald.ingest.event;

/**
 * What happened to one event: accepted (written to Kafka) or dropped with a reason.
 *
 * @param eventId the event
 * @param droppedReason why it was dropped, or {@code null} when accepted
 */
record Outcome(String eventId, String droppedReason) {

	static final String SELF_ACTION = "self_action";

	static Outcome accepted(String eventId) {
		return new Outcome(eventId, null);
	}

	static Outcome dropped(String eventId, String reason) {
		return new Outcome(eventId, reason);
	}

	boolean isAccepted() {
		return this.droppedReason == null;
	}

}
