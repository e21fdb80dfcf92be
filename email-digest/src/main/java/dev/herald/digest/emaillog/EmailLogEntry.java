package dev.herald.digest.emaillog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One e-mail as the admin API shows it.
 *
 * @param digestId the e-mail's id
 * @param userId the recipient user
 * @param kind {@code digest} or {@code critical}
 * @param status {@code queued}, {@code sending}, {@code sent}, {@code failed} or
 * {@code unknown}
 * @param recipient the address ({@code null} once the user is erased)
 * @param subject the subject line
 * @param itemIds the notifications it contains
 * @param attempts SMTP attempts made
 * @param lastError why the last attempt failed, if it did
 * @param messageId its Message-ID header
 * @param createdAt when the intent was recorded
 * @param updatedAt when the row last changed
 * @param sentAt when the server accepted it
 */
record EmailLogEntry(UUID digestId, String userId, String kind, String status, String recipient, String subject,
		List<String> itemIds, int attempts, String lastError, String messageId, Instant createdAt, Instant updatedAt,
		Instant sentAt) {

}
