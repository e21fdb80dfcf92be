package dev.herald.e2e;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.herald.devstack.HeraldServices;
import dev.herald.testinfra.SmtpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import static org.assertj.core.api.Assertions.assertThat;

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

	/** The e-mail address the e2e tests give {@code user}. */
	static String address(String user) {
		return user + "@example.org";
	}

	/**
	 * Gives the user an address through ingest and IMMEDIATE digests through the
	 * preferences API, so that the store lets their notifications onto the {@code EMAIL}
	 * channel and the digest mails them within seconds.
	 */
	static void receiveDigestsAtOnce(String user) {
		Api.Response contact = new Api(HeraldServices.INGEST_PORT,
				Herald.tokens.service("art-community", "events:write"))
			.put("/v1/users/" + user + "/contact",
					Map.of("email", address(user), "displayName", "Owner", "locale", "en", "timeZone", "UTC"));
		assertThat(contact.status()).as(contact.body()).isEqualTo(202);
		Api.Response preferences = new Api(HeraldServices.STORE_PORT, Herald.tokens.user(user)).put("/v1/preferences",
				Map.of("digest", Map.of("frequency", "IMMEDIATE", "sendHour", 9, "weekday", 1, "minimumUnread", 1)));
		assertThat(preferences.status()).as(preferences.body()).isEqualTo(200);
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
