package dev.herald.webpush.delivery;

/**
 * The JSON a service worker gets in {@code event.data.json()} and shows with
 * {@code showNotification(title, {body, tag: id, data: {url}})}.
 *
 * @param id the notification's id (the worker's {@code tag}, so a repeated or grown
 * notification replaces the one shown)
 * @param type the notification type
 * @param title short localized title
 * @param body the localized sentence, as the inbox shows it
 * @param url where a click leads (the event's action URL, else the content's), or
 * {@code null}
 * @param unreadCount the user's unread count after this notification (for a badge)
 * @param critical whether it is critical (moderation)
 */
record PushMessage(String id, String type, String title, String body, String url, int unreadCount, boolean critical) {

}
