package dev.herald.digest.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is the one derived from its digest id instead of a random
 * one, so every attempt and every copy of one digest carries the same id.
 */
final class DigestMimeMessage extends MimeMessage {

	private final String messageId;

	DigestMimeMessage(Session session, String messageId) {
		super(session);
		this.messageId = messageId;
	}

	@Override
	protected void updateMessageID() throws MessagingException {
		setHeader("Message-ID", this.messageId);
	}

}
