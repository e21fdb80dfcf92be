package dev.herald.ingest.user;

import java.util.List;

import dev.herald.ingest.event.IngestResult;
import dev.herald.ingest.input.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /v1/users/{id}/contact} and {@code DELETE /v1/users/{id}}. */
@RestController
@Tag(name = "users", description = "Contact details and erasure; needs scope events:write")
class UserController {

	private final UserService service;

	UserController(UserService service) {
		this.service = service;
	}

	@ApiResponse(responseCode = "503",
			description = "Kafka is unavailable or too many requests are in flight; `Retry-After` says when to retry with the same ids (repeats are safe)")
	@PutMapping(path = "/v1/users/{userId}/contact", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Set a user's contact details",
			description = "Replaces them on the compacted user-contacts.v1; 202 once Kafka acknowledged")
	void putContact(@PathVariable String userId, @RequestBody ContactRequest contact) {
		this.service.putContact(userId, contact);
	}

	@ApiResponse(responseCode = "503",
			description = "Kafka is unavailable or too many requests are in flight; `Retry-After` says when to retry with the same ids (repeats are safe)")
	@DeleteMapping("/v1/users/{userId}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Erase a user",
			description = "Writes a tombstone to user-contacts.v1 and a USER_DELETED event; the answer names the event")
	IngestResult erase(@PathVariable String userId,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
			@AuthenticationPrincipal Jwt caller) {
		return new IngestResult(List.of(this.service.erase(userId, idempotencyKey, caller.getSubject())), List.of());
	}

}
