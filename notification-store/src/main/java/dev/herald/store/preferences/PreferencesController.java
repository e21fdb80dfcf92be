package dev.herald.store.preferences;

import dev.herald.schema.NotificationType;
import dev.herald.store.preferences.PreferencesJson.Document;
import dev.herald.store.preferences.PreferencesJson.Replacement;
import dev.herald.store.preferences.PreferencesJson.TypeSwitchesChange;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/preferences}: the signed-in user's own preferences ({@code sub} of the JWT).
 * Bodies are read by the services' shared strict JSON reading: an unknown field (which a
 * whole-replacing {@code PUT} would otherwise silently reset to its default) or a value
 * of the wrong JSON type is a 400 naming it.
 */
@RestController
@RequestMapping("/v1/preferences")
class PreferencesController {

	private final PreferencesService preferences;

	PreferencesController(PreferencesService preferences) {
		this.preferences = preferences;
	}

	@GetMapping
	Document get(@AuthenticationPrincipal Jwt jwt) {
		return Document.of(this.preferences.get(jwt.getSubject()));
	}

	@PutMapping
	Document replace(@AuthenticationPrincipal Jwt jwt, @RequestBody Replacement replacement) {
		return Document.of(this.preferences.replace(PreferencesValidator.read(jwt.getSubject(), replacement)));
	}

	@PatchMapping("/{type}")
	Document changeType(@AuthenticationPrincipal Jwt jwt, @PathVariable NotificationType type,
			@RequestBody TypeSwitchesChange change) {
		return Document.of(this.preferences.changeType(jwt.getSubject(), type, change.inApp(), change.device(),
				change.email(), change.webPush()));
	}

}
