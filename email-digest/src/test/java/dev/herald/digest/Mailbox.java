package dev.herald.digest;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.herald.testinfra.SmtpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Reads what GreenMail received.
 */
public final class Mailbox {

	private Mailbox() {
	}

	public static List<MimeMessage> to(SmtpServer smtp, String address) {
		return Arrays.stream(smtp.receivedMessages()).filter((message) -> address.equals(recipient(message))).toList();
	}

	public static String part(MimeMessage message, String mimeType) {
		try {
			MimeMultipart alternatives = (MimeMultipart) message.getContent();
			for (int i = 0; i < alternatives.getCount(); i++) {
				BodyPart part = alternatives.getBodyPart(i);
				if (part.isMimeType(mimeType)) {
					return (String) part.getContent();
				}
			}
			throw new AssertionError("no " + mimeType + " part in " + message.getContentType());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, ",");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String recipient(MimeMessage message) {
		try {
			return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
