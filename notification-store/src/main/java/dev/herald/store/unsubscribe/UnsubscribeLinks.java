package dev.herald.store.unsubscribe;

import java.util.List;
import java.util.Optional;

import dev.herald.schema.token.UnsubscribeToken;
import dev.herald.store.preferences.EmailSubscription;
import dev.herald.store.preferences.PreferencesService;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * What an unsubscribe link may do. A token counts only if its signature is valid, its
 * scope is {@code email}, and it was issued no earlier than the user's current
 * preferences row was created: a link mailed to an earlier account with the same id
 * (erased, id reused) never acts on the new one.
 */
@Service
@EnableConfigurationProperties(UnsubscribeProperties.class)
class UnsubscribeLinks {

	private final PreferencesService preferences;

	private final UnsubscribeProperties properties;

	UnsubscribeLinks(PreferencesService preferences, UnsubscribeProperties properties) {
		this.preferences = preferences;
		this.properties = properties;
	}

	/**
	 * The e-mail state the link sees, without changing it; empty if the link is invalid.
	 */
	Optional<EmailSubscription> look(String token) {
		return verify(token).flatMap((t) -> this.preferences.emailSubscription(t.userId(), t.issuedAt()));
	}

	Optional<EmailSubscription> unsubscribe(String token) {
		return verify(token).flatMap((t) -> this.preferences.unsubscribeEmail(t.userId(), t.issuedAt()));
	}

	Optional<EmailSubscription> undo(String token) {
		return verify(token).flatMap((t) -> this.preferences.undoUnsubscribe(t.userId(), t.issuedAt()));
	}

	/** The 400 of a missing, damaged, foreign-scoped or outdated token. */
	static ErrorResponseException invalid(String token) {
		String message = (token == null || token.isBlank()) ? "is required" : "is not a valid unsubscribe link";
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				HeraldProblemHandler.badRequest(List.of(new FieldProblem("token", message))), null);
	}

	private Optional<UnsubscribeToken> verify(String token) {
		return UnsubscribeToken.verify(token, this.properties.secretBytes())
			.filter((t) -> UnsubscribeToken.SCOPE_EMAIL.equals(t.scope()));
	}

}
