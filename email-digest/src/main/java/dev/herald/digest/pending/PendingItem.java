package dev.herald.digest.pending;

import java.time.Instant;
import java.util.Map;

/**
 * One notification waiting for a digest, as much of it as the e-mail shows.
 *
 * @param notificationId the notification's id in the store
 * @param templateKey its text template ({@code NotificationTexts})
 * @param params the template's parameters
 * @param contentUrl link to the content it is about, or {@code null}
 * @param actionUrl the URL the notification opens, or {@code null}
 * @param commentId its latest comment's id (comments, replies, mentions), or {@code null}
 * @param attributes its latest event's attributes
 * @param critical whether it is mailed on its own at once instead of in a digest
 * @param updatedAt when the notification last changed
 * @param receivedAt when this service first saw it pending
 */
public record PendingItem(String notificationId, String templateKey, Map<String, String> params, String contentUrl,
		String actionUrl, String commentId, Map<String, String> attributes, boolean critical, Instant updatedAt,
		Instant receivedAt) {

}
