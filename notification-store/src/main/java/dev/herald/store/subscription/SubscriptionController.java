package dev.herald.store.subscription;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.herald.schema.rules.TopicKeys;
import dev.herald.store.subscription.Subscriptions.Subscription;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/subscriptions}: the signed-in user's own subscriptions ({@code sub} of the
 * JWT). Changes are idempotent: following a topic twice, or leaving one not followed, is
 * a 204 too.
 */
@RestController
@RequestMapping("/v1/subscriptions")
@Tag(name = "subscriptions", description = "Topics the signed-in user follows")
class SubscriptionController {

	private final Subscriptions subscriptions;

	SubscriptionController(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@GetMapping
	@Operation(summary = "List the topics the user follows", description = "Ordered by topic; paged by nextCursor")
	SubscriptionPage list(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) String cursor) {
		List<Subscription> items = this.subscriptions.page(jwt.getSubject(), (cursor != null) ? decode(cursor) : null,
				limit + 1);
		boolean more = items.size() > limit;
		List<Subscription> page = more ? items.subList(0, limit) : items;
		return new SubscriptionPage(page, more ? encode(page.get(page.size() - 1).topic()) : null);
	}

	@PutMapping("/{topic}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Follow a topic",
			description = "Topic events (an event naming this topic) then reach the user, unless they are its actor")
	void subscribe(@AuthenticationPrincipal Jwt jwt,
			@PathVariable @Parameter(example = "thread:9") @Pattern(regexp = TopicKeys.PATTERN,
					message = TopicKeys.RULE) String topic) {
		this.subscriptions.subscribe(topic, List.of(jwt.getSubject()));
	}

	@DeleteMapping("/{topic}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Stop following a topic")
	void unsubscribe(@AuthenticationPrincipal Jwt jwt,
			@PathVariable @Parameter(example = "thread:9") @Pattern(regexp = TopicKeys.PATTERN,
					message = TopicKeys.RULE) String topic) {
		this.subscriptions.unsubscribe(topic, List.of(jwt.getSubject()));
	}

	private static String encode(String topic) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(topic.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String cursor) {
		try {
			String topic = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (TopicKeys.isTopicKey(topic)) {
				return topic;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
				HeraldProblemHandler.badRequest(List.of(new FieldProblem("cursor", "is not a valid cursor"))), null);
	}

	/**
	 * A page of subscriptions.
	 *
	 * @param items the subscriptions, by topic
	 * @param nextCursor where the next page starts, or null on the last page
	 */
	record SubscriptionPage(List<Subscription> items, String nextCursor) {

	}

}
