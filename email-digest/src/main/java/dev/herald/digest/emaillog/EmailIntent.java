package dev.herald.digest.emaillog;

import java.util.List;
import java.util.UUID;

/**
 * An e-mail about to be sent, recorded before the first SMTP attempt.
 *
 * @param digestId the e-mail's id, from which its Message-ID derives
 * @param userId the recipient user
 * @param kind digest or critical
 * @param recipient the address
 * @param subject the subject line
 * @param itemIds the exact notifications it contains
 * @param messageId its Message-ID header
 */
public record EmailIntent(UUID digestId, String userId, DigestKind kind, String recipient, String subject,
		List<String> itemIds, String messageId) {

}
