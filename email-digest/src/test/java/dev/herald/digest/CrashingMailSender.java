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

	private final Set<String> cutDatabaseAfterSending = ConcurrentHashMap.newKeySet();

	private Runnable databaseCut = () -> {
	};

	/**
	 * How to cut the service's database connections ({@link #cutDatabaseAfterSendingTo}).
	 */
	void databaseCut(Runnable cut) {
		this.databaseCut = cut;
	}

	/**
	 * Once, right after the server accepted a message to {@code address}: every
	 * connection of the service to its database is terminated, so the outcome cannot be
	 * written at that moment.
	 */
	public void cutDatabaseAfterSendingTo(String address) {
		this.cutDatabaseAfterSending.add(address);
	}

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
			if (this.cutDatabaseAfterSending.remove(recipient(message))) {
				this.databaseCut.run();
			}
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
