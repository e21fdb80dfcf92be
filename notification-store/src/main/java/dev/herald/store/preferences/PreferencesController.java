package dev.herald.store.preferences;

import dev.herald.schema.NotificationType;
import dev.herald.store.preferences.PreferencesJson.Document;
import dev.herald.store.preferences.PreferencesJson.Replacement;
import dev.herald.store.preferences.PreferencesJson.TypeSwitchesChange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

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
 */
@RestController
@RequestMapping("/v1/preferences")
class PreferencesController {

	private final PreferencesService preferences;

	private final ObjectReader replacements;

	private final ObjectReader typeChanges;

	PreferencesController(PreferencesService preferences, JsonMapper json) {
		this.preferences = preferences;
		this.replacements = strict(json.readerFor(Replacement.class));
		this.typeChanges = strict(json.readerFor(TypeSwitchesChange.class));
	}

	@GetMapping
	Document get(@AuthenticationPrincipal Jwt jwt) {
		return Document.of(this.preferences.get(jwt.getSubject()));
	}

	@PutMapping
	Document replace(@AuthenticationPrincipal Jwt jwt, @RequestBody JsonNode body) {
		Replacement replacement = read(this.replacements, body);
		return Document.of(this.preferences.replace(PreferencesValidator.read(jwt.getSubject(), replacement)));
	}

	@PatchMapping("/{type}")
	Document changeType(@AuthenticationPrincipal Jwt jwt, @PathVariable NotificationType type,
			@RequestBody JsonNode body) {
		TypeSwitchesChange change = read(this.typeChanges, body);
		return Document
			.of(this.preferences.changeType(jwt.getSubject(), type, change.inApp(), change.device(), change.email()));
	}

	/** Unknown fields and fractions where whole numbers belong are errors. */
	private static ObjectReader strict(ObjectReader reader) {
		return reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
	}

	private static <T> T read(ObjectReader reader, JsonNode body) {
		if (body == null || !body.isObject()) {
			throw PreferencesProblems.badRequest("body", "must be a JSON object");
		}
		try {
			return reader.readValue(body);
		}
		catch (JacksonException ex) {
			throw PreferencesProblems.unreadable(ex);
		}
	}

}
