package dev.herald.webpush.subscription;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's (JWT subject's) push subscriptions.
 */
@RestController
class SubscriptionController {

	private static final String PATH = "/v1/webpush/subscriptions";

	private final SubscriptionService subscriptions;

	SubscriptionController(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	@GetMapping(PATH)
	List<SubscriptionView> list(@AuthenticationPrincipal Jwt jwt) {
		return this.subscriptions.list(jwt.getSubject()).stream().map(SubscriptionView::of).toList();
	}

	@PostMapping(PATH)
	@ApiResponse(responseCode = "409", description = "The user holds the most subscriptions allowed (20 by default)")
	ResponseEntity<SubscriptionView> subscribe(@Valid @RequestBody SubscriptionRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		SubscriptionRepository.Saved saved = this.subscriptions.subscribe(jwt.getSubject(), request);
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(SubscriptionView.of(saved.subscription()));
	}

	@DeleteMapping(PATH + "/{id}")
	@ApiResponse(responseCode = "404", description = "No such subscription of the caller")
	ResponseEntity<Void> unsubscribe(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
		this.subscriptions.unsubscribe(jwt.getSubject(), id);
		return ResponseEntity.noContent().build();
	}

}
