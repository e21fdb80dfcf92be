package dev.herald.store.inbox;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of the inbox API.
 */
final class InboxDtos {

	static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

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
	 * The unread count and the seq it belongs to.
	 *
	 * @param unreadCount unread notifications
	 * @param seq the user's latest seq
	 */
	record UnreadCount(int unreadCount, long seq) {

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
