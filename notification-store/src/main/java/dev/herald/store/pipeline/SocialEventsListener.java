package dev.herald.store.pipeline;

import java.util.List;

import dev.herald.schema.SocialEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives batches of {@code social.events.v1}.
 */
@Component
class SocialEventsListener {

	private static final Logger log = LoggerFactory.getLogger(SocialEventsListener.class);

	private final EventPipeline pipeline;

	SocialEventsListener(EventPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@KafkaListener(id = "herald-store-events", topics = "social.events.v1", groupId = "herald-store",
			containerFactory = "socialEventsListenerFactory", batch = "true")
	void on(List<ConsumerRecord<String, SocialEvent>> records) {
		log.debug("Received {} social events", records.size());
		this.pipeline.accept(records);
	}

}
