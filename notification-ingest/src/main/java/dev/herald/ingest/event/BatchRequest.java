package dev.herald.ingest.event;

import java.util.List;

/**
 * Up to {@code herald.ingest.max-batch-size} events, accepted all together or not at all.
 */
record BatchRequest(List<EventRequest> events) {

}
