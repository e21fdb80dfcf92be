package dev.herald.ingest.event;

import dev.herald.ingest.input.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/events} and {@code POST /v1/events:batch}. */
@RestController
@Tag(name = "events", description = "Report what happened; needs scope events:write")
class EventController {

	private static final String KEY_DOC = "Derives eventId (UUID v5) when the event has none; "
			+ "repeating a key within 24 h repeats the answer and publishes nothing";

	private final EventIngestService service;

	EventController(EventIngestService service) {
		this.service = service;
	}

	@ApiResponse(responseCode = "413", description = "The body is larger than the limit")
	@ApiResponse(responseCode = "503",
			description = "Kafka is unavailable or too many requests are in flight; `Retry-After` says when to retry with the same ids (repeats are safe)")
	@PostMapping(path = "/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Publish one event", description = "202 once Kafka acknowledged it; 400 naming each bad "
			+ "field; 413 for an oversized body; 503 with Retry-After when Kafka is unavailable")
	IngestResult publish(@RequestBody EventRequest event,
			@Parameter(description = KEY_DOC) @RequestHeader(name = IdempotencyKey.HEADER,
					required = false) String idempotencyKey,
			@AuthenticationPrincipal Jwt caller) {
		return this.service.ingest(event, idempotencyKey, caller.getSubject());
	}

	@ApiResponse(responseCode = "413", description = "The body is larger than the limit")
	@ApiResponse(responseCode = "503",
			description = "Kafka is unavailable or too many requests are in flight; `Retry-After` says when to retry with the same ids (repeats are safe)")
	@PostMapping(path = "/v1/events:batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Publish up to 500 events, all or none",
			description = "Every event is checked first; one bad event refuses the whole batch (400 listing "
					+ "events[i].field problems) and nothing is published")
	IngestResult publishBatch(@RequestBody BatchRequest batch,
			@Parameter(description = KEY_DOC + "; the i-th event gets the id of (key, i)") @RequestHeader(
					name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
			@AuthenticationPrincipal Jwt caller) {
		return this.service.ingestBatch(batch, idempotencyKey, caller.getSubject());
	}

}
