package dev.herald.digest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A real SMTP sender that, for armed addresses, dies right after the server accepted the
 * message: what a process crash between sending and logging looks like to the rest of the
 * service.
 */
public final class CrashingMailSender extends JavaMailSenderImpl {

	private final Set<String> crashAfterSending = ConcurrentHashMap.newKeySet();

	public void crashAfterSendingTo(String address) {
		this.crashAfterSending.add(address);
	}

	public void stopCrashing() {
		this.crashAfterSending.clear();
	}

	@Override
	protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) throws MailException {
		super.doSend(mimeMessages, originalMessages);
		for (MimeMessage message : mimeMessages) {
			if (this.crashAfterSending.contains(recipient(message))) {
				throw new SimulatedCrash();
			}
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

	/** Thrown like a crash: an {@link Error}, which the service does not handle. */
	static final class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash after the SMTP server accepted the message");
		}

	}

}
