package dev.herald.e2e;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.herald.testinfra.SmtpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Every e-mail the dev stack's SMTP server took, remembered here as well, so that what
 * arrived before the server was stopped and started again still counts. A Message-ID the
 * server holds more than once counts as often.
 */
final class Mailbox {

	private final SmtpServer smtp;

	private final Map<Mail, Long> seen = new HashMap<>();

	Mailbox(SmtpServer smtp) {
		this.smtp = smtp;
	}

	/** Mails addressed to one of {@code addresses}, each copy once. */
	synchronized List<Mail> to(List<String> addresses) {
		Map<Mail, Long> onServer = Arrays.stream(this.smtp.receivedMessages())
			.map(Mailbox::mail)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		onServer.forEach((mail, copies) -> this.seen.merge(mail, copies, Math::max));
		return this.seen.entrySet()
			.stream()
			.filter((entry) -> addresses.contains(entry.getKey().recipient()))
			.flatMap((entry) -> Stream.generate(entry::getKey).limit(entry.getValue()))
			.toList();
	}

	private static Mail mail(MimeMessage message) {
		try {
			Address[] recipients = message.getAllRecipients();
			String recipient = (recipients.length > 0 && recipients[0] instanceof InternetAddress address)
					? address.getAddress() : "";
			return new Mail(message.getMessageID(), recipient);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Unreadable mail", ex);
		}
	}

	record Mail(String messageId, String recipient) {
	}

}
