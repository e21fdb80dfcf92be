package dev.herald.digest.delivery;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import dev.herald.digest.DigestProperties;
import dev.herald.digest.recipients.Recipient;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of a digest: {@code multipart/alternative} with plain text and
 * HTML, the derived Message-ID, and the RFC 2369 / RFC 8058 unsubscribe headers.
 */
@Component
class DigestMessages {

	static final String ONE_CLICK = "List-Unsubscribe=One-Click";

	private final Session session = Session.getInstance(new Properties());

	private final DigestProperties properties;

	private final Clock clock;

	DigestMessages(DigestProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	MimeMessage build(Digest digest) throws MessagingException, UnsupportedEncodingException {
		ComposedMail mail = digest.mail();
		Recipient recipient = digest.recipient();
		MimeMessage message = new DigestMimeMessage(this.session, mail.messageId());
		message.setFrom(new InternetAddress(this.properties.from(), true));
		message.setRecipient(Message.RecipientType.TO,
				new InternetAddress(recipient.email(), recipient.displayName(), StandardCharsets.UTF_8.name()));
		message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
		message.setSentDate(Date.from(this.clock.instant()));
		message.setHeader("List-Unsubscribe", listUnsubscribe(mail));
		message.setHeader("List-Unsubscribe-Post", ONE_CLICK);
		message.setHeader("Auto-Submitted", "auto-generated");
		MimeMultipart alternatives = new MimeMultipart("alternative");
		alternatives.addBodyPart(part(mail.text(), "plain"));
		alternatives.addBodyPart(part(mail.html(), "html"));
		message.setContent(alternatives);
		return message;
	}

	private String listUnsubscribe(ComposedMail mail) {
		String subject = URLEncoder.encode("unsubscribe " + mail.unsubscribeUrl().getQuery(), StandardCharsets.UTF_8)
			.replace("+", "%20");
		return "<" + mail.unsubscribeUrl() + ">, <mailto:" + this.properties.unsubscribeMailto() + "?subject=" + subject
				+ ">";
	}

	private static MimeBodyPart part(String content, String subtype) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(content, StandardCharsets.UTF_8.name(), subtype);
		return part;
	}

}
