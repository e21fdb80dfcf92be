package dev.herald.store.unsubscribe;

import java.util.Locale;
import java.util.Optional;

import dev.herald.schema.DigestFrequency;
import dev.herald.store.preferences.EmailSubscription;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The small page behind an unsubscribe link. {@code GET} changes nothing (mail scanners
 * follow links): it asks for confirmation with a {@code POST} button, and after it offers
 * undo. Rendered by Thymeleaf, which escapes everything it writes, in the language
 * {@link PageLocaleResolver} picks.
 */
@Controller
@RequestMapping(path = "/v1/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
class UnsubscribePage {

	private final UnsubscribeLinks links;

	UnsubscribePage(UnsubscribeLinks links) {
		this.links = links;
	}

	@GetMapping
	ModelAndView show(@RequestParam(required = false) String token, HttpServletRequest request) {
		return page(token, this.links.look(token), false, request);
	}

	@PostMapping
	ModelAndView unsubscribe(@RequestParam(required = false) String token, HttpServletRequest request) {
		return page(token, this.links.unsubscribe(token), false, request);
	}

	@PostMapping("/undo")
	ModelAndView undo(@RequestParam(required = false) String token, HttpServletRequest request) {
		return page(token, this.links.undo(token), true, request);
	}

	/**
	 * What the page says: digests are on (confirm, or back on after undo), off after an
	 * unsubscribe (undo offered), or off anyway.
	 */
	private static String stateOf(EmailSubscription subscription, boolean undone) {
		if (subscription.frequency() != DigestFrequency.OFF) {
			return undone ? "resubscribed" : "confirm";
		}
		return subscription.canUndo() ? "unsubscribed" : "off";
	}

	private static ModelAndView page(String token, Optional<EmailSubscription> subscription, boolean undone,
			HttpServletRequest request) {
		ModelAndView page = new ModelAndView("unsubscribe");
		if (subscription.isEmpty()) {
			page.addObject("state", "invalid");
			page.setStatus(HttpStatus.BAD_REQUEST);
			return page;
		}
		EmailSubscription state = subscription.get();
		PageLocaleResolver.useSaved(request, state.locale());
		page.addObject("token", token);
		page.addObject("frequency", state.frequency().name().toLowerCase(Locale.ROOT));
		page.addObject("state", stateOf(state, undone));
		return page;
	}

}
