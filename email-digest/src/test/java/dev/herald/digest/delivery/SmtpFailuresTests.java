package dev.herald.digest.delivery;

import java.net.ConnectException;
import java.util.Map;

import dev.herald.digest.delivery.SmtpFailures.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailuresTests {

	@Test
	void replies4xxAreTemporaryAnd5xxPermanent() {
		assertThat(SmtpFailures.classify(sendFailed(451, "451 try again later"))).isEqualTo(Kind.TEMPORARY);
		assertThat(SmtpFailures.classify(sendFailed(550, "550 mailbox unavailable"))).isEqualTo(Kind.PERMANENT);
		assertThat(SmtpFailures.describe(sendFailed(550, "550 mailbox unavailable")))
			.contains("550 mailbox unavailable");
	}

	@Test
	void aRefusedRecipientIsClassifiedByItsReplyCode() throws Exception {
		SMTPAddressFailedException refused = new SMTPAddressFailedException(
				new jakarta.mail.internet.InternetAddress("a@example.com"), "RCPT TO", 452, "452 too many recipients");
		MessagingException failed = new MessagingException("Invalid Addresses", refused);
		assertThat(SmtpFailures.classify(new MailSendException(Map.of(new Object(), failed))))
			.isEqualTo(Kind.TEMPORARY);
	}

	@Test
	void connectionRefusedIsTemporary() {
		MailConnectException connect = new MailConnectException(new SocketConnectException("refused",
				new ConnectException("Connection refused"), "127.0.0.1", 2525, 1000));
		assertThat(SmtpFailures.classify(new MailSendException("Mail server connection failed", connect)))
			.isEqualTo(Kind.TEMPORARY);
	}

	@Test
	void badAddressesArePermanentAndAnythingElseIsUnknown() {
		assertThat(SmtpFailures.classify(new MailSendException("bad", new AddressException("Illegal address"))))
			.isEqualTo(Kind.PERMANENT);
		assertThat(SmtpFailures
			.classify(new MailSendException("io", new MessagingException("Exception reading response"))))
			.isEqualTo(Kind.UNKNOWN);
	}

	private static MailSendException sendFailed(int code, String reply) {
		SMTPSendFailedException failed = new SMTPSendFailedException("DATA", code, reply, null, null, null, null);
		return new MailSendException(Map.of(new Object(), failed));
	}

}
