package dev.herald.store.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.NotificationType;
import dev.herald.store.notification.Notifications.Selection;
import dev.herald.support.web.FieldProblem;
import dev.herald.support.web.HeraldProblemHandler;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Request and response bodies of the inbox API.
 */
final class InboxDtos {

	static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

	/** What ingest accepts as a content type. */
	static final String CONTENT_TYPE_PATTERN = "[a-z][a-z0-9_]{0,31}";

	private InboxDtos() {
	}

	/**
	 * A page of the inbox.
	 *
	 * @param items the notifications, newest first
	 * @param nextCursor where the next page starts, or null on the last page
	 */
	record Page(List<NotificationView> items, String nextCursor) {

	}

	/**
	 * The counts and the seq they belong to.
	 *
	 * @param unreadCount notifications neither read nor archived
	 * @param unseenCount notifications neither seen nor archived
	 * @param seq the user's latest seq
	 */
	record Counts(int unreadCount, int unseenCount, long seq) {

	}

	/**
	 * The notifications a bulk action takes: either {@code ids}, or a filter of which
	 * every field is optional ({@code {}} takes every notification).
	 *
	 * @param ids notification ids (UUIDs), 1 to 500, or null for a filter
	 * @param type only notifications of this type
	 * @param contentType only notifications about content of this type
	 * @param before only notifications created before this instant
	 */
	record SelectionRequest(
			@Size(min = 1,
					max = 500) List<@NotNull @Pattern(regexp = UUID_PATTERN,
							message = "must be a notification id (UUID)") String> ids,
			NotificationType type,
			@Pattern(regexp = CONTENT_TYPE_PATTERN,
					message = "must be a content type (lowercase letters, digits, _; at most 32)") String contentType,
			Instant before) {

		Selection selection() {
			if (this.ids == null) {
				return Selection.matching(this.type, this.contentType, this.before);
			}
			if (this.type != null || this.contentType != null || this.before != null) {
				throw new ErrorResponseException(HttpStatus.BAD_REQUEST, HeraldProblemHandler.badRequest(List
					.of(new FieldProblem("ids", "give either ids or a filter (type, contentType, before), not both"))),
						null);
			}
			return Selection.of(this.ids.stream().map(UUID::fromString).distinct().toList());
		}

	}

	/**
	 * Notifications to mark read or unread.
	 *
	 * @param ids notification ids (UUIDs), at most 500
	 */
	record IdsRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Pattern(regexp = UUID_PATTERN,
			message = "must be a notification id (UUID)") String> ids) {

	}

	/**
	 * Mark everything read, optionally only what was created before a time.
	 *
	 * @param before only notifications created before this instant, or null for all
	 */
	record ReadAllRequest(Instant before) {

	}

	/**
	 * A slice of the change feed.
	 *
	 * @param seq the user's latest seq
	 * @param changes frames in seq order
	 * @param hasMore whether more changes follow the last frame
	 */
	record ChangeFeed(long seq, List<Frame> changes, boolean hasMore) {

	}

}
