package dev.herald.store.inbox;

import java.util.List;
import java.util.Locale;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.NotificationChange;

/**
 * One change as the push gateway sends it over WebSocket: a {@code notification} frame
 * for created and updated notifications, a {@code state} frame for read, unread, deleted,
 * all-read, seen, archived and unarchived.
 */
sealed interface Frame {

	static Frame of(NotificationChange change, Locale locale) {
		ChangeKind kind = change.getKind();
		String name = ((change.getStateChange() != null) ? change.getStateChange().name() : kind.name())
			.toLowerCase(Locale.ROOT);
		if (kind == ChangeKind.CREATED || kind == ChangeKind.UPDATED) {
			return new NotificationFrame("notification", change.getSeq(), name,
					NotificationView.of(change.getNotification(), locale), change.getUnreadCount(),
					change.getUnseenCount());
		}
		return new StateFrame("state", change.getSeq(), name, change.getNotificationIds(), change.getUnreadCount(),
				change.getUnseenCount());
	}

	/**
	 * {@code {"type":"notification","seq":N,"change":"created|updated","notification":{…},"unreadCount":U,"unseenCount":S}}.
	 *
	 * @param type always {@code notification}
	 * @param seq the change's seq
	 * @param change {@code created} or {@code updated}
	 * @param notification the notification after the change
	 * @param unreadCount the unread count after the change
	 * @param unseenCount the unseen count after the change
	 */
	record NotificationFrame(String type, long seq, String change, NotificationView notification, int unreadCount,
			int unseenCount) implements Frame {

	}

	/**
	 * {@code {"type":"state","seq":N,"change":"read|unread|deleted|all_read|seen|archived|unarchived","ids":[…],"unreadCount":U,"unseenCount":S}}.
	 *
	 * @param type always {@code state}
	 * @param seq the change's seq
	 * @param change {@code read}, {@code unread}, {@code deleted}, {@code all_read},
	 * {@code seen}, {@code archived} or {@code unarchived}
	 * @param ids the notifications it concerns
	 * @param unreadCount the unread count after the change
	 * @param unseenCount the unseen count after the change
	 */
	record StateFrame(String type, long seq, String change, List<String> ids, int unreadCount,
			int unseenCount) implements Frame {

	}

}
