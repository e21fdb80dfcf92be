package dev.herald.ingest.subscription;

import dev.herald.schema.rules.TopicKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v1/topics/{topic}/subscribers} and {@code POST
 * /v1/topics/{topic}/subscribers:remove}. Removal is a POST with a body because a DELETE
 * body is dropped by some proxies and clients.
 */
@RestController
@Tag(name = "subscriptions", description = "Subscribe users to topics in bulk; needs scope events:write")
class SubscriberController {

	private static final String TOPIC_DOC = "A topic key <type>:<id>, e.g. thread:9, artwork:123, creator:alice";

	private final SubscriberService service;

	SubscriberController(SubscriberService service) {
		this.service = service;
	}

	@PutMapping(path = "/v1/topics/{topic}/subscribers", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Subscribe up to 1,000 users to a topic",
			description = "Writes one SubscriptionChange to subscriptions.v1; 202 once Kafka acknowledged it, the "
					+ "store applies it shortly after. Subscribing a subscriber again changes nothing")
	SubscriptionChangeResult subscribe(
			@Parameter(description = TOPIC_DOC,
					schema = @Schema(pattern = TopicKeys.PATTERN)) @PathVariable String topic,
			@RequestBody SubscribersRequest request) {
		return this.service.change(topic, request, true);
	}

	@PostMapping(path = "/v1/topics/{topic}/subscribers:remove", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Unsubscribe up to 1,000 users from a topic",
			description = "Writes one SubscriptionChange to subscriptions.v1; 202 once Kafka acknowledged it. "
					+ "Unsubscribing a user who does not follow the topic changes nothing")
	SubscriptionChangeResult unsubscribe(
			@Parameter(description = TOPIC_DOC,
					schema = @Schema(pattern = TopicKeys.PATTERN)) @PathVariable String topic,
			@RequestBody SubscribersRequest request) {
		return this.service.change(topic, request, false);
	}

}
