package dev.herald.devstack.demo;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The dev mailbox: every e-mail the dev SMTP server received, newest first. */
@RestController
class MailboxController {

	private final Supplier<MimeMessage[]> mailbox;

	MailboxController(Supplier<MimeMessage[]> mailbox) {
		this.mailbox = mailbox;
	}

	@GetMapping("/api/mailbox")
	List<Mail> mails() throws MessagingException {
		MimeMessage[] messages = this.mailbox.get();
		List<Mail> mails = new java.util.ArrayList<>();
		for (int i = messages.length - 1; i >= 0; i--) {
			MimeMessage message = messages[i];
			mails.add(new Mail(i, message.getSubject(), Arrays.toString(message.getAllRecipients()),
					String.valueOf(message.getSentDate()), message.getHeader("List-Unsubscribe", ", ")));
		}
		return mails;
	}

	/** The HTML part as the recipient's mail client would show it. */
	@GetMapping(path = "/api/mailbox/{index}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> html(@PathVariable int index) throws MessagingException, IOException {
		MimeMessage[] messages = this.mailbox.get();
		if (index < 0 || index >= messages.length) {
			return ResponseEntity.notFound().build();
		}
		String html = part(messages[index], "text/html");
		return ResponseEntity.ok(html != null ? html : "<pre>" + part(messages[index], "text/plain") + "</pre>");
	}

	private static String part(Part part, String type) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			return String.valueOf(part.getContent());
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String found = part(body, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	record Mail(int index, String subject, String to, String sent, String listUnsubscribe) {
	}

}
