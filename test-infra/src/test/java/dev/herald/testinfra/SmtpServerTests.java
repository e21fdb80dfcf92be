package dev.herald.testinfra;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class SmtpServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void receivesMailWithoutAuthentication() throws MessagingException {
		try (SmtpServer smtp = SmtpServer.start()) {
			send(smtp, "Your weekly digest");

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(smtp.receivedMessages()).hasSize(1));
			MimeMessage received = smtp.receivedMessages()[0];
			assertThat(received.getSubject()).isEqualTo("Your weekly digest");
			assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.org");

			smtp.reset();

			assertThat(smtp.receivedMessages()).isEmpty();
		}
	}

	@Test
	void refusesMailWhileStoppedAndAcceptsItAfterRestart() throws MessagingException {
		try (SmtpServer smtp = SmtpServer.start()) {
			int port = smtp.port();
			smtp.stop();

			assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> send(smtp, "lost"));

			smtp.restart();
			send(smtp, "after restart");

			assertThat(smtp.port()).isEqualTo(port);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(smtp.receivedMessages()).extracting(MimeMessage::getSubject)
					.containsExactly("after restart"));
		}
	}

	@Test
	void registersMailProperties() {
		try (SmtpServer smtp = SmtpServer.start()) {
			Map<String, Object> properties = new HashMap<>();
			smtp.registerProperties((name, value) -> properties.put(name, value.get()));

			assertThat(properties).containsEntry("spring.mail.host", "127.0.0.1")
				.containsEntry("spring.mail.port", smtp.port());
		}
	}

	private static void send(SmtpServer smtp, String subject) throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", smtp.host());
		properties.put("mail.smtp.port", String.valueOf(smtp.port()));
		properties.put("mail.smtp.connectiontimeout", "5000");
		properties.put("mail.smtp.timeout", "5000");
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("herald@example.org"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.org"));
		message.setSubject(subject);
		message.setText("Three people reacted to your artwork.");
		Transport.send(message);
	}

}
