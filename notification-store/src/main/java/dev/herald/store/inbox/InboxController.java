package dev.herald.store.inbox;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.herald.schema.NotificationType;
import dev.herald.store.inbox.InboxDtos.ChangeFeed;
import dev.herald.store.inbox.InboxDtos.Counts;
import dev.herald.store.inbox.InboxDtos.IdsRequest;
import dev.herald.store.inbox.InboxDtos.Page;
import dev.herald.store.inbox.InboxDtos.ReadAllRequest;
import dev.herald.store.inbox.InboxDtos.SelectionRequest;
import dev.herald.store.inbox.InboxQueries.PageQuery;
import dev.herald.store.notification.Notifications.Selection;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/notifications}: the signed-in user's own notifications only ({@code sub} of
 * the JWT).
 */
@RestController
@RequestMapping("/v1/notifications")
class InboxController {

	private final InboxService inbox;

	private final InboxLocales locales;

	InboxController(InboxService inbox, InboxLocales locales) {
		this.inbox = inbox;
		this.locales = locales;
	}

	@GetMapping
	Page list(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) Boolean read, @RequestParam(required = false) NotificationType type,
			@RequestParam(required = false) @Pattern(regexp = InboxDtos.CONTENT_TYPE_PATTERN,
					message = "must be a content type (lowercase letters, digits, _; at most 32)") String contentType,
			@RequestParam(defaultValue = "false") boolean archived, @RequestParam(required = false) Instant since,
			@RequestParam(required = false) Instant before,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
		Boolean readState = unread ? Boolean.FALSE : read;
		PageQuery query = new PageQuery(readState, type, contentType, archived, since, before,
				(cursor != null) ? Cursor.decode(cursor) : null);
		return this.inbox.page(jwt.getSubject(), query, limit, locale(language, jwt));
	}

	@GetMapping("/{id}")
	@ApiResponse(responseCode = "404",
			description = "No such notification of the caller (someone else's answers the same)")
	NotificationView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
		return this.inbox.get(jwt.getSubject(), id, locale(language, jwt));
	}

	@DeleteMapping("/{id}")
	@ApiResponse(responseCode = "404",
			description = "No such notification of the caller (someone else's answers the same)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		this.inbox.delete(jwt.getSubject(), id);
	}

	@DeleteMapping
	Counts delete(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SelectionRequest request) {
		return this.inbox.delete(jwt.getSubject(), request.selection());
	}

	@GetMapping("/unread-count")
	Counts unreadCount(@AuthenticationPrincipal Jwt jwt) {
		return this.inbox.counts(jwt.getSubject());
	}

	@PostMapping("/read")
	Counts read(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SelectionRequest request) {
		return this.inbox.setRead(jwt.getSubject(), request.selection(), true);
	}

	@PostMapping("/unread")
	Counts unread(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody IdsRequest request) {
		return this.inbox.setRead(jwt.getSubject(),
				Selection.of(request.ids().stream().map(UUID::fromString).distinct().toList()), false);
	}

	@PostMapping("/read-all")
	Counts readAll(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) ReadAllRequest request) {
		return this.inbox.readAll(jwt.getSubject(), (request != null) ? request.before() : null);
	}

	/** Marks seen the given notifications, those a filter matches, or (no body) all. */
	@PostMapping("/seen")
	Counts seen(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody(required = false) SelectionRequest request) {
		Selection selection = (request != null) ? request.selection() : Selection.matching(null, null, null);
		return this.inbox.markSeen(jwt.getSubject(), selection);
	}

	@PostMapping("/archive")
	Counts archive(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SelectionRequest request) {
		return this.inbox.archive(jwt.getSubject(), request.selection());
	}

	@PostMapping("/{id}/archive")
	@ApiResponse(responseCode = "404",
			description = "No such notification of the caller (someone else's answers the same)")
	Counts archive(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		return this.inbox.setArchived(jwt.getSubject(), id, true);
	}

	@PostMapping("/{id}/unarchive")
	@ApiResponse(responseCode = "404",
			description = "No such notification of the caller (someone else's answers the same)")
	Counts unarchive(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		return this.inbox.setArchived(jwt.getSubject(), id, false);
	}

	@GetMapping("/changes")
	@ApiResponse(responseCode = "410",
			description = "The changes after `since` are no longer kept: reload the list and continue from the problem's `seq`")
	ChangeFeed changes(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "0") @Min(0) long since,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
		return this.inbox.changes(jwt.getSubject(), since, limit, locale(language, jwt));
	}

	private Locale locale(String language, Jwt jwt) {
		return this.locales.resolve(language, jwt.getSubject());
	}

}
