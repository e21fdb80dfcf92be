package dev.herald.store.unsubscribe;

import dev.herald.schema.DigestFrequency;
import dev.herald.store.preferences.EmailSubscription;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RFC 8058 one-click endpoints for mail clients: no session, the token is the
 * credential; the body ({@code List-Unsubscribe=One-Click}) may be sent or not. Browsers
 * asking for HTML get {@link UnsubscribePage} instead.
 */
@RestController
@RequestMapping("/v1/unsubscribe")
@SecurityRequirements
class UnsubscribeController {

	private final UnsubscribeLinks links;

	UnsubscribeController(UnsubscribeLinks links) {
		this.links = links;
	}

	@PostMapping
	Outcome unsubscribe(@RequestParam(required = false) String token) {
		return this.links.unsubscribe(token).map(Outcome::of).orElseThrow(() -> UnsubscribeLinks.invalid(token));
	}

	@PostMapping("/undo")
	Outcome undo(@RequestParam(required = false) String token) {
		return this.links.undo(token).map(Outcome::of).orElseThrow(() -> UnsubscribeLinks.invalid(token));
	}

	/**
	 * The e-mail digest state after the request.
	 *
	 * @param frequency the digest frequency now ({@code OFF} once unsubscribed)
	 * @param canUndo whether undo would restore an earlier frequency
	 */
	record Outcome(DigestFrequency frequency, boolean canUndo) {

		static Outcome of(EmailSubscription subscription) {
			return new Outcome(subscription.frequency(), subscription.canUndo());
		}

	}

}
