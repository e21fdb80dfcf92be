package dev.herald.store.pipeline;

import java.util.ArrayList;
import java.util.List;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.store.broadcast.Broadcasts;

import org.springframework.stereotype.Component;

/**
 * Events that name a topic instead of a recipient. Each is queued, in the batch's
 * transaction, as a fan-out of the broadcast mechanism: it later publishes one copy per
 * subscriber (but the actor) to {@code social.events.v1}, keyed by that subscriber, so
 * every copy goes through this pipeline like any event (preferences, muting, spam limit,
 * aggregation, the subscriber's seq) and the fan-out resumes after a crash without a
 * recipient twice or none skipped. A {@code CONTENT_DELETED} topic event is not fanned
 * out: it deletes the content and drops the topic.
 */
@Component
class TopicEvents {

	private final Broadcasts broadcasts;

	private final PipelineMetrics metrics;

	TopicEvents(Broadcasts broadcasts, PipelineMetrics metrics) {
		this.broadcasts = broadcasts;
		this.metrics = metrics;
	}

	/** Queues the fan-out of the batch's topic events; returns the other events. */
	List<SocialEvent> queueFanOuts(List<SocialEvent> events) {
		List<SocialEvent> others = new ArrayList<>(events.size());
		for (SocialEvent event : events) {
			if (event.getTopic() != null && event.getKind() != EventKind.CONTENT_DELETED) {
				this.broadcasts.insertTopicFanOut(event);
				this.metrics.applied("topic_fan_out");
			}
			else {
				others.add(event);
			}
		}
		return others;
	}

}
